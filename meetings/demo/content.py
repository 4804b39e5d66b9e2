"""Demo content for ``seed_demo``: legal acts and bodies as they are, programmes, an action plan of
sample measures, how its bodies have reported, two working groups, proposals and users.

Facts follow /work/shared/DOMAIN.md, the review of 28.11.2026 (§2) and the sources it names: the
acts, the bodies and their reorganisations, the programmes' titles and status, the meeting of
12.06.2024 as the ministry's news tells it, the 2025 working group on high-mountain, remote and
border territories and its meeting of 12.11.2025, the statistics. Everything else is invented and
seed_demo writes it with ``sample=True``: directions and objectives, typed territories, measures,
reports, members, the sample meetings with their attendance, minutes and decisions, proposals.
Where a fact is not known (the time of day of a real meeting, the day the Ministry of Agriculture
took its new name) the choice is said next to it, so that data can correct it.
"""

from __future__ import annotations

import datetime as dt

T = tuple[str, str, str]  # (ky, ru, en)

NEWS_FILE = "news-2024-06-12-working-group-meeting.ky.txt"

# ---------------------------------------------------------------------------------------------
# Legal acts: key -> kind, number, date, issuer, title
CABINET: T = (
    "Кыргыз Республикасынын Министрлер Кабинети",
    "Кабинет Министров Кыргызской Республики",
    "Cabinet of Ministers of the Kyrgyz Republic",
)
# The issuer as it stands inside an act's official name (genitive; "of the …" in English).
CABINET_GENITIVE: T = (
    "Кыргыз Республикасынын Министрлер Кабинетинин",
    "Кабинета Министров Кыргызской Республики",
    "of the Cabinet of Ministers of the Kyrgyz Republic",
)
LEGAL_ACTS: dict[str, dict] = {
    "decree-350": {
        "kind": "decree",
        "number": "350",
        "date": dt.date(2022, 10, 18),
        "issuer": (
            "Кыргыз Республикасынын Президенти",
            "Президент Кыргызской Республики",
            "President of the Kyrgyz Republic",
        ),
        "issuer_genitive": (
            "Кыргыз Республикасынын Президентинин",
            "Президента Кыргызской Республики",
            "of the President of the Kyrgyz Republic",
        ),
        "title": (
            "Кыргыз Республикасынын административдик-аймактык түзүлүшүн өркүндөтүү жана "
            "региондорду өнүктүрүү боюнча андан аркы чаралар жөнүндө",
            "О дальнейших мерах по совершенствованию административно-территориального "
            "устройства Кыргызской Республики и развитию регионов",
            "On further measures to improve the administrative-territorial structure of the "
            "Kyrgyz Republic and develop the regions",
        ),
    },
    "order-4": {
        "kind": "order",
        "number": "4",
        "date": dt.date(2024, 1, 17),
        "issuer": (
            "Кыргыз Республикасынын Экономика жана коммерция министрлиги",
            "Министерство экономики и коммерции Кыргызской Республики",
            "Ministry of Economy and Commerce of the Kyrgyz Republic",
        ),
        "issuer_genitive": (
            "Кыргыз Республикасынын Экономика жана коммерция министрлигинин",
            "Министерства экономики и коммерции Кыргызской Республики",
            "of the Ministry of Economy and Commerce of the Kyrgyz Republic",
        ),
        "title": (
            "2024–2028-жылдарга Кыргыз Республикасынын региондорун өнүктүрүүнүн Мамлекеттик "
            "программасынын долбоорун иштеп чыгуу боюнча Ведомстволор аралык жумушчу топту "
            "түзүү жөнүндө",
            "О создании Межведомственной рабочей группы по разработке проекта Государственной "
            "программы развития регионов Кыргызской Республики на 2024–2028 годы",
            "On establishing the Interdepartmental Working Group to draft the State Programme "
            "for Regional Development of the Kyrgyz Republic for 2024–2028",
        ),
    },
    "resolution-80": {
        "kind": "resolution",
        "number": "80",
        "date": dt.date(2024, 2, 22),
        "issuer": CABINET,
        "issuer_genitive": CABINET_GENITIVE,
        "title": (
            "Кыргыз Республикасында жергиликтүү өз алдынча башкарууну өнүктүрүүнүн 2024–2028-"
            "жылдарга программасы жөнүндө",
            "О Программе развития местного самоуправления в Кыргызской Республике на "
            "2024–2028 годы",
            "On the Local Self-Government Development Programme of the Kyrgyz Republic for "
            "2024–2028",
        ),
    },
    "resolution-135": {
        "kind": "resolution",
        "number": "135",
        "date": dt.date(2025, 3, 18),
        "issuer": CABINET,
        "issuer_genitive": CABINET_GENITIVE,
        "title": (
            "Кыргыз Республикасынын региондорун комплекстүү социалдык-экономикалык "
            "өнүктүрүүнүн 2025–2030-жылдарга Мамлекеттик программасы жөнүндө",
            "О Государственной программе комплексного социально-экономического развития "
            "регионов Кыргызской Республики на 2025–2030 годы",
            "On the State Programme for Comprehensive Socio-Economic Development of the Regions "
            "of the Kyrgyz Republic for 2025–2030",
        ),
    },
    "law-82": {
        "kind": "law",
        "number": "82",
        "date": dt.date(2023, 4, 10),
        "issuer": (
            "Кыргыз Республикасынын Жогорку Кеңеши",
            "Жогорку Кенеш Кыргызской Республики",
            "Jogorku Kenesh of the Kyrgyz Republic",
        ),
        # Laws are named after the state: "Закон Кыргызской Республики от … № 82".
        "issuer_genitive": (
            "Кыргыз Республикасынын",
            "Кыргызской Республики",
            "of the Kyrgyz Republic",
        ),
        "title": (
            "Талас облусунун Кара-Буура районунун атын өзгөртүү жөнүндө",
            "О переименовании Кара-Бууринского района Таласской области",
            "On renaming Kara-Buura District of Talas Region",
        ),
    },
}

# ---------------------------------------------------------------------------------------------
# Responsible bodies: key -> name, short name, kind, territory (SOATE), and for a reorganised body
# the day it ceased (valid_to) and its successor's key. Matched by English name, or by a former
# English name the demo used ("aka"). No act number is known for the two reorganisations below,
# so reorganisation_act stays empty.
BODIES: dict[str, dict] = {
    "mec": {
        "name": (
            "Кыргыз Республикасынын Экономика жана коммерция министрлиги",
            "Министерство экономики и коммерции Кыргызской Республики",
            "Ministry of Economy and Commerce of the Kyrgyz Republic",
        ),
        "short": ("ЭКМ", "МЭК", "MEC"),
        "kind": "ministry",
    },
    "mof": {
        "name": (
            "Кыргыз Республикасынын Финансы министрлиги",
            "Министерство финансов Кыргызской Республики",
            "Ministry of Finance of the Kyrgyz Republic",
        ),
        "short": ("ФМ", "МФ", "MoF"),
        "kind": "ministry",
    },
    "mtc": {
        "name": (
            "Кыргыз Республикасынын Транспорт жана коммуникациялар министрлиги",
            "Министерство транспорта и коммуникаций Кыргызской Республики",
            "Ministry of Transport and Communications of the Kyrgyz Republic",
        ),
        "short": ("ТКМ", "МТК", "MTC"),
        "kind": "ministry",
    },
    "moa": {
        "name": (
            "Кыргыз Республикасынын Айыл чарба министрлиги",
            "Министерство сельского хозяйства Кыргызской Республики",
            "Ministry of Agriculture of the Kyrgyz Republic",
        ),
        "short": ("АЧМ", "МСХ", "MoA"),
        "kind": "ministry",
        # Renamed in 2024: the Cabinet's structure was changed about 10.03.2024, in force within a
        # week (24.kg/english/288722). The exact day is not known: 17.03.2024 stands for it.
        "valid_to": dt.date(2024, 3, 17),
        "successor": "mvr",
    },
    "mvr": {
        # Kyrgyz name translated from the Russian; no official abbreviation was found.
        "name": (
            "Кыргыз Республикасынын Суу ресурстары, айыл чарба жана кайра иштетүү өнөр жай "
            "министрлиги",
            "Министерство водных ресурсов, сельского хозяйства и перерабатывающей "
            "промышленности Кыргызской Республики",
            "Ministry of Water Resources, Agriculture and Processing Industry of the Kyrgyz "
            "Republic",
        ),
        "short": ("", "", ""),
        "kind": "ministry",
    },
    "moh": {
        "name": (
            "Кыргыз Республикасынын Саламаттык сактоо министрлиги",
            "Министерство здравоохранения Кыргызской Республики",
            "Ministry of Health of the Kyrgyz Republic",
        ),
        "short": ("ССМ", "МЗ", "MoH"),
        "kind": "ministry",
    },
    "mes": {
        "name": (
            "Кыргыз Республикасынын Билим берүү жана илим министрлиги",
            "Министерство образования и науки Кыргызской Республики",
            "Ministry of Education and Science of the Kyrgyz Republic",
        ),
        "short": ("БИМ", "МОН", "MoES"),
        "kind": "ministry",
    },
    "mnr": {
        "name": (
            "Кыргыз Республикасынын Жаратылыш ресурстары, экология жана техникалык көзөмөл "
            "министрлиги",
            "Министерство природных ресурсов, экологии и технического надзора Кыргызской "
            "Республики",
            "Ministry of Natural Resources, Ecology and Technical Supervision of the Kyrgyz "
            "Republic",
        ),
        "short": ("ЖРЭТКМ", "МПРЭТН", "MNRETS"),
        "kind": "ministry",
    },
    "gosstroy": {
        "name": (
            "Кыргыз Республикасынын Министрлер Кабинетине караштуу Архитектура, курулуш жана "
            "турак жай-коммуналдык чарба мамлекеттик агенттиги",
            "Государственное агентство архитектуры, строительства и жилищно-коммунального "
            "хозяйства при Кабинете Министров Кыргызской Республики",
            "State Agency for Architecture, Construction and Housing and Utilities under the "
            "Cabinet of Ministers of the Kyrgyz Republic",
        ),
        "short": ("Мамкурулуш", "Госстрой", "Gosstroy"),
        "kind": "agency",
        # Became the Ministry on 11.02.2025 (24.kg/english/319603, 319852).
        "valid_to": dt.date(2025, 2, 10),
        "successor": "minstroy",
    },
    "minstroy": {
        # Kyrgyz name as gazeta.kg writes it; no official abbreviation was found in any language.
        "name": (
            "Кыргыз Республикасынын Курулуш, архитектура жана турак-жай-коммуналдык чарба "
            "министрлиги",
            "Министерство строительства, архитектуры и жилищно-коммунального хозяйства "
            "Кыргызской Республики",
            "Ministry of Construction, Architecture and Housing and Communal Services of the "
            "Kyrgyz Republic",
        ),
        "short": ("", "Минстрой", ""),
        "kind": "ministry",
        "valid_from": dt.date(2025, 2, 11),
    },
    "pp-naryn": {
        "name": (
            "Кыргыз Республикасынын Президентинин Нарын облусундагы ыйгарым укуктуу өкүлүнүн "
            "аппараты",
            "Аппарат полномочного представителя Президента Кыргызской Республики в Нарынской "
            "области",
            "Office of the Plenipotentiary Representative of the President in Naryn Region",
        ),
        "short": ("", "", ""),
        "kind": "plenipotentiary",
        "territory": "41704000000000",
    },
    "pp-batken": {
        "name": (
            "Кыргыз Республикасынын Президентинин Баткен облусундагы ыйгарым укуктуу өкүлүнүн "
            "аппараты",
            "Аппарат полномочного представителя Президента Кыргызской Республики в Баткенской "
            "области",
            "Office of the Plenipotentiary Representative of the President in Batken Region",
        ),
        "short": ("", "", ""),
        "kind": "plenipotentiary",
        "territory": "41705000000000",
    },
    "pp-osh": {
        "name": (
            "Кыргыз Республикасынын Президентинин Ош облусундагы ыйгарым укуктуу өкүлүнүн аппараты",
            "Аппарат полномочного представителя Президента Кыргызской Республики в Ошской области",
            "Office of the Plenipotentiary Representative of the President in Osh Region",
        ),
        "short": ("", "", ""),
        "kind": "plenipotentiary",
        "territory": "41706000000000",
    },
    "ulsg": {
        "name": (
            "Кыргыз Республикасынын Жергиликтүү өз алдынча башкаруу органдарынын союзу",
            "Союз местных самоуправлений Кыргызской Республики",
            "Union of Local Self-Governments of the Kyrgyz Republic",
        ),
        "short": ("ЖӨБС", "СМС", "ULSG"),
        "kind": "lsg",
    },
    "mayor-naryn": {
        "name": ("Нарын шаарынын мэриясы", "Мэрия города Нарын", "Naryn City Mayor's Office"),
        "short": ("", "", ""),
        "kind": "lsg",
        "territory": "41704400000010",
    },
    "mayor-batken": {
        "name": ("Баткен шаарынын мэриясы", "Мэрия города Баткен", "Batken City Mayor's Office"),
        "short": ("", "", ""),
        "kind": "lsg",
        "territory": "41705410000010",
    },
    "ao-ak-muz": {
        "name": (
            "Ак-Муз айыл аймагынын айыл өкмөтү (Ат-Башы району)",
            "Айыл окмоту Ак-Музского айылного аймака (Ат-Башынский район)",
            "Ak-Muz Ayil Okmotu (At-Bashy District)",
        ),
        "short": ("", "", ""),
        "kind": "lsg",
        "territory": "41704220000000",
    },
    "swiss-ils": {
        "name": (
            "Швейцария Өкмөтү каржылаган «Жергиликтүү деңгээлде кызмат көрсөтүүлөрдү "
            "жакшыртуу» долбоору",
            "Проект «Улучшение услуг на местном уровне», финансируемый Правительством Швейцарии",
            "Swiss-funded project “Improvement of Local Services”",
        ),
        "short": ("", "", ""),
        "kind": "donor",
    },
    "partnership": {
        # As dpi.kg (news 2187), 24.kg (12.11.2025) and vb.kg (22.10.2025) name it.
        "name": (
            "«Кыргыз Республикасында жергиликтүү өз алдынча башкарууну өнүктүрүү үчүн» өнөктөштүгү",
            "Партнёрство «За развитие местного самоуправления в Кыргызской Республике»",
            "Partnership “For the Development of Local Self-Government in the Kyrgyz Republic”",
        ),
        "aka": ["Partnership for Local Self-Government Development in the Kyrgyz Republic"],
        "short": ("", "", ""),
        "kind": "ngo",
    },
    "dpi": {
        "name": (
            "Өнүктүрүү саясаты институту",
            "Институт политики развития",
            "Development Policy Institute",
        ),
        "short": ("ӨСИ", "ИПР", "DPI"),
        "kind": "ngo",
    },
    "undp": {
        "name": (
            "Бириккен Улуттар Уюмунун Өнүктүрүү программасы",
            "Программа развития Организации Объединённых Наций",
            "United Nations Development Programme",
        ),
        "short": ("БУУӨП", "ПРООН", "UNDP"),
        "kind": "donor",
    },
}

# ---------------------------------------------------------------------------------------------
# Programmes
PROGRAMMES: dict[str, dict] = {
    "REG-2025-2030": {
        # "…of the Kyrgyz Republic" as report.kg and 24.kg/english/327076 name it (review D1).
        "title": (
            "Кыргыз Республикасынын региондорун комплекстүү социалдык-экономикалык "
            "өнүктүрүүнүн 2025–2030-жылдарга Мамлекеттик программасы",
            "Государственная программа комплексного социально-экономического развития регионов "
            "Кыргызской Республики на 2025–2030 годы",
            "State Programme for Comprehensive Socio-Economic Development of the Regions of the "
            "Kyrgyz Republic for 2025–2030",
        ),
        "short_title": (
            "Региондорду өнүктүрүү программасы 2025–2030",
            "Программа развития регионов 2025–2030",
            "Regional Development Programme 2025–2030",
        ),
        "summary": (
            "Министрлер Кабинетинин 2025-жылдын 18-мартындагы № 135 токтому менен бекитилген. "
            "Программа 14 багытты камтыйт; аны ишке ашырууга Президенттин Администрациясы "
            "көзөмөл жүргүзөт, жергиликтүү мамлекеттик администрациялар жана ЖӨБ органдары "
            "2025–2030-жылдарга өздөрүнүн аймактык программаларын жана иш-аракеттер пландарын "
            "бекитишет.",
            "Утверждена постановлением Кабинета Министров от 18 марта 2025 года № 135. "
            "Программа охватывает 14 направлений; контроль за реализацией осуществляет "
            "Администрация Президента, местные государственные администрации и органы МСУ "
            "утверждают собственные территориальные программы и планы мероприятий на "
            "2025–2030 годы.",
            "Adopted by Cabinet Resolution No. 135 of 18 March 2025. The programme covers 14 "
            "areas; the Presidential Administration oversees its implementation, and local state "
            "administrations and LSG bodies approve their own territorial programmes and action "
            "plans for 2025–2030.",
        ),
        "start": 2025,
        "end": 2030,
        "status": "in_implementation",
        "reporting_period": "half_year",
        "report_due_day": 15,
        "report_due_months_after": 1,
        "acts": [("resolution-135", "adoption"), ("decree-350", "basis")],
    },
    "REG-2024-2028": {
        "title": (
            "2024–2028-жылдарга Кыргыз Республикасынын региондорун өнүктүрүүнүн Мамлекеттик "
            "программасы",
            "Государственная программа развития регионов Кыргызской Республики на 2024–2028 годы",
            "State Programme for Regional Development of the Kyrgyz Republic for 2024–2028",
        ),
        "short_title": (
            "Региондорду өнүктүрүү программасы 2024–2028 (долбоор)",
            "Программа развития регионов 2024–2028 (проект)",
            "Regional Development Programme 2024–2028 (draft)",
        ),
        "summary": (
            "Экономика жана коммерция министрлигинин 2024-жылдын 17-январындагы № 4 буйругу "
            "менен түзүлгөн Ведомстволор аралык жумушчу топ иштеп чыккан долбоор. Кийин "
            "2025–2030-жылдарга Мамлекеттик программа менен алмаштырылган.",
            "Проект, разработанный Межведомственной рабочей группой, созданной приказом "
            "Министерства экономики и коммерции от 17 января 2024 года № 4. Впоследствии "
            "заменён Государственной программой на 2025–2030 годы.",
            "Draft prepared by the Interdepartmental Working Group established by Order No. 4 of "
            "the Ministry of Economy and Commerce of 17 January 2024. Later superseded by the "
            "State Programme for 2025–2030.",
        ),
        "start": 2024,
        "end": 2028,
        "status": "superseded",
        "superseded_by": "REG-2025-2030",
        "reporting_period": "half_year",
        "report_due_day": 15,
        "report_due_months_after": 1,
        "acts": [("decree-350", "basis"), ("order-4", "working_group")],
    },
    # The 2025 working group drafts it (24.kg 12.11.2025; dpi.kg news 2187). The title follows the
    # ministry's words as 24.kg reports them; the Kyrgyz and English are translations. "To 2030":
    # the first year is not published, 2026 (drafting began in November 2025) stands for it.
    "HRB-2026-2030": {
        "title": (
            "Кыргыз Республикасынын бийик тоолуу, алыскы жана чек ара аймактарын 2030-жылга "
            "чейин өнүктүрүүнүн Мамлекеттик программасы",
            "Государственная программа развития высокогорных, отдалённых и приграничных "
            "территорий Кыргызской Республики до 2030 года",
            "State Programme for the Development of High-Mountain, Remote and Border Territories "
            "of the Kyrgyz Republic to 2030",
        ),
        "short_title": (
            "Бийик тоолуу, алыскы жана чек ара аймактары 2030 (долбоор)",
            "Высокогорные, отдалённые и приграничные территории до 2030 года (проект)",
            "High-mountain, remote and border territories to 2030 (draft)",
        ),
        "summary": (
            "Долбоор. Аны иштеп чыгуу 2025-жылдын 12-ноябрында Экономика жана коммерция "
            "министрлигинин ведомстволор аралык жумушчу тобунун жыйынында башталган. Программа "
            "2025–2030-жылдарга региондорду комплекстүү социалдык-экономикалык өнүктүрүүнүн "
            "Мамлекеттик программасын ишке ашыруунун алкагында даярдалууда.",
            "Проект. Разработка начата на заседании межведомственной рабочей группы "
            "Министерства экономики и коммерции 12 ноября 2025 года. Программа готовится в "
            "рамках реализации Государственной программы комплексного социально-экономического "
            "развития регионов на 2025–2030 годы.",
            "Draft. Its drafting began at the meeting of the Ministry of Economy and Commerce's "
            "interdepartmental working group on 12 November 2025. It is prepared as part of "
            "implementing the State Programme for Comprehensive Socio-Economic Development of "
            "the Regions for 2025–2030.",
        ),
        "start": 2026,
        "end": 2030,
        "status": "draft",
        "reporting_period": "half_year",
        "report_due_day": 15,
        "report_due_months_after": 1,
        "acts": [],
    },
}

# The real "Программа создания и развития опорных центров экономического роста на 2025–2030 годы"
# (in force and amended, 24.kg/obschestvo/349224) is not in the demo: its act is not known, and
# with no act, structure or measures it would only be an empty page (and, being in
# implementation, the one the home page opens on). seed_demo removes the "growth points" draft an
# earlier demo invented in its place.
RETIRED_PROGRAMMES = ["GP-2025-2030"]

# Directions and objectives: programme code -> [(number, title, [(objective number, title)])].
# Invented: the sources give neither programme's structure (Res. 135 has 14 areas, not listed in
# any source found), so seed_demo writes all of it as sample.
STRUCTURE: dict[str, list] = {
    "REG-2025-2030": [
        (
            "1",
            (
                "Региондук өнүктүрүүнү башкаруу системасы (мейкиндик жана социалдык-экономикалык "
                "пландоо)",
                "Система управления региональным развитием (пространственное и социально-"
                "экономическое планирование)",
                "Regional development management system (spatial and socio-economic planning)",
            ),
            [
                (
                    "1.1",
                    (
                        "Мейкиндик жана социалдык-экономикалык пландоону бардык деңгээлде "
                        "айкалыштыруу",
                        "Интеграция пространственного и социально-экономического планирования "
                        "на всех уровнях",
                        "Integrate spatial and socio-economic planning at every level",
                    ),
                ),
                (
                    "1.2",
                    (
                        "Калктуу конуштардын башкы пландарын жана аймактык пландоо схемаларын "
                        "иштеп чыгуу",
                        "Разработка генеральных планов населённых пунктов и схем "
                        "территориального планирования",
                        "Prepare general plans of settlements and territorial planning schemes",
                    ),
                ),
                (
                    "1.3",
                    (
                        "Региондордун өнүгүүсүн статистиканын негизинде мониторингдөө",
                        "Мониторинг развития регионов на основе статистики",
                        "Monitor regional development on the basis of statistics",
                    ),
                ),
            ],
        ),
        (
            "2",
            (
                "Урбанизацияланган аймактар жана өсүү чекиттери",
                "Урбанизированные территории и точки роста",
                "Urbanized territories and growth points",
            ),
            [
                (
                    "2.1",
                    (
                        "Өсүү чекиттеринин инфраструктурасын жана инвестициялык жагымдуулугун "
                        "өнүктүрүү",
                        "Развитие инфраструктуры и инвестиционной привлекательности точек роста",
                        "Develop the infrastructure and investment appeal of growth points",
                    ),
                ),
                (
                    "2.2",
                    (
                        "Шаарлардагы коммуналдык жана транспорттук кызматтардын сапатын жогорулатуу",
                        "Повышение качества коммунальных и транспортных услуг в городах",
                        "Improve municipal and transport services in cities",
                    ),
                ),
            ],
        ),
        (
            "3",
            (
                "Өзгөчө көңүл буруу аймактары (бийик тоолуу, алыскы, чек ара аймактары)",
                "Территории особого внимания (высокогорные, отдалённые, приграничные)",
                "Territories of special attention (high-mountain, remote, border)",
            ),
            [
                (
                    "3.1",
                    (
                        "Чек ара жана алыскы аймактардын транспорттук жеткиликтүүлүгү",
                        "Транспортная доступность приграничных и отдалённых территорий",
                        "Transport access to border and remote territories",
                    ),
                ),
                (
                    "3.2",
                    (
                        "Бийик тоолуу аймактарда базалык кызматтарга (суу, саламаттык сактоо, "
                        "билим берүү) жеткиликтүүлүк",
                        "Доступ к базовым услугам (вода, здравоохранение, образование) на "
                        "высокогорных территориях",
                        "Access to basic services (water, health, education) in high-mountain "
                        "areas",
                    ),
                ),
                (
                    "3.3",
                    (
                        "Чек ара аймактарында экономикалык активдүүлүктү жана иш менен "
                        "камсыз кылууну колдоо",
                        "Поддержка экономической активности и занятости на приграничных "
                        "территориях",
                        "Support economic activity and employment in border areas",
                    ),
                ),
            ],
        ),
        (
            "4",
            (
                "Жергиликтүү өз алдынча башкаруу жана жергиликтүү кызмат көрсөтүүлөр",
                "Местное самоуправление и местные услуги",
                "Local self-government and local services",
            ),
            [
                (
                    "4.1",
                    (
                        "ЖӨБ органдарынын потенциалын жана жергиликтүү кызматтардын сапатын "
                        "жогорулатуу",
                        "Повышение потенциала органов МСУ и качества местных услуг",
                        "Strengthen LSG bodies and the quality of local services",
                    ),
                ),
                (
                    "4.2",
                    (
                        "Фискалдык децентралдаштыруу жана жергиликтүү бюджеттердин өз кирешелери",
                        "Фискальная децентрализация и собственные доходы местных бюджетов",
                        "Fiscal decentralisation and local budgets' own revenue",
                    ),
                ),
            ],
        ),
    ],
    "REG-2024-2028": [
        (
            "1",
            (
                "Региондук өнүктүрүүнү башкаруу системасы",
                "Система управления региональным развитием",
                "Regional development management system",
            ),
            [
                (
                    "1.1",
                    (
                        "Мейкиндик жана социалдык-экономикалык пландоону айкалыштыруу",
                        "Сочетание пространственного и социально-экономического планирования",
                        "Combine spatial and socio-economic planning",
                    ),
                )
            ],
        ),
        (
            "2",
            ("Урбанизацияланган аймактар", "Урбанизированные территории", "Urbanized territories"),
            [
                (
                    "2.1",
                    (
                        "Өсүү чекиттерин аныктоо жана колдоо",
                        "Определение и поддержка точек роста",
                        "Identify and support growth points",
                    ),
                )
            ],
        ),
        (
            "3",
            (
                "Өзгөчө көңүл буруу аймактары",
                "Территории особого внимания",
                "Territories of special attention",
            ),
            [
                (
                    "3.1",
                    (
                        "Бийик тоолуу, алыскы жана чек ара аймактарында базалык кызматтарга "
                        "жеткиликтүүлүк",
                        "Доступ к базовым услугам на высокогорных, отдалённых и приграничных "
                        "территориях",
                        "Access to basic services in high-mountain, remote and border territories",
                    ),
                )
            ],
        ),
    ],
    "HRB-2026-2030": [],
}

# ---------------------------------------------------------------------------------------------
# Units by SOATE, for target units and typed territories.
OBLASTS = [
    "41702000000000",  # Issyk-Kul
    "41703000000000",  # Jalal-Abad
    "41704000000000",  # Naryn
    "41705000000000",  # Batken
    "41706000000000",  # Osh
    "41707000000000",  # Talas
    "41708000000000",  # Chui
]
BISHKEK, OSH_CITY = "41711000000000", "41721000000000"
KARAKOL, BALYKCHY = "41702410000010", "41702420000010"
JALAL_ABAD_CITY, TASH_KUMYR, MAILUU_SUU = "41703410000010", "41703420000010", "41703430000010"
KOK_JANGAK = "41703220400010"
NARYN_CITY, BATKEN_CITY, SULUKTA, KYZYL_KIYA = (
    "41704400000010",
    "41705410000010",
    "41705420000010",
    "41705430000010",
)
TALAS_CITY, TOKMOK = "41707400000010", "41708400000010"
JETI_OGUZ, TON = "41702210000000", "41702220000000"
ALA_BUKA, AKSY, CHATKAL, TOGUZ_TORO = (
    "41703204000000",
    "41703211000000",
    "41703230000000",
    "41703223000000",
)
AK_TALAA, AT_BASHY, JUMGAL, KOCHKOR, NARYN_DISTRICT = (
    "41704210000000",
    "41704220000000",
    "41704230000000",
    "41704235000000",
    "41704245000000",
)
BATKEN_DISTRICT, LEILEK, KADAMJAI = "41705214000000", "41705236000000", "41705258000000"
ALAI, ARAVAN, KARA_SUU, KARA_KULJA, CHON_ALAI = (
    "41706207000000",
    "41706211000000",
    "41706226000000",
    "41706246000000",
    "41706259000000",
)
AITMATOV, BAKAI_ATA, MANAS_DISTRICT, TALAS_DISTRICT = (
    "41707215000000",
    "41707220000000",
    "41707225000000",
    "41707232000000",
)
KEMIN, PANFILOV = "41708213000000", "41708219000000"

TERRITORIES = {
    "REG-2025-2030": {
        "growth-point": [NARYN_CITY, BATKEN_CITY, KARAKOL, TALAS_CITY, JALAL_ABAD_CITY, TOKMOK],
        "urbanized": [BISHKEK, OSH_CITY, JALAL_ABAD_CITY, KARAKOL],
        "high-mountain": [
            AT_BASHY,
            AK_TALAA,
            KOCHKOR,
            JUMGAL,
            NARYN_DISTRICT,
            CHON_ALAI,
            ALAI,
            TOGUZ_TORO,
        ],
        "border": [BATKEN_DISTRICT, LEILEK, KADAMJAI, AT_BASHY, CHON_ALAI, AKSY, KARA_SUU],
        "remote": [CHATKAL, TOGUZ_TORO, CHON_ALAI, LEILEK, KARA_KULJA],
    },
}

# ---------------------------------------------------------------------------------------------
# Indicator units of measure
UNITS_OF_MEASURE: dict[str, T] = {
    "units": ("бирдик", "ед.", "units"),
    "percent": ("%", "%", "%"),
    "km": ("км", "км", "km"),
    "people": ("адам", "чел.", "people"),
}
# Decimal places official targets and reported values are written with.
PRECISION = {"units": 0, "people": 0, "percent": 1, "km": 1}


def measure(
    number: str,
    title: T,
    result: T,
    deadline: str,
    lead: str,
    *,
    co: list[str] | None = None,
    units: list[str] | None = None,
    status: str = "in_progress",
    funding: list[tuple] | None = None,
    indicator: tuple | None = None,
    mechanism: T | None = None,
    allocate: dict[str, dict[str, int]] | None = None,
) -> dict:
    """One row of the action plan.

    funding: (source, first year, last year, thousand KGS per year, donor key or None)
    indicator: (name, unit key, baseline, baseline year, final target, per_year)
    allocate: {source: {unit: thousand KGS per year}}, each year's line of that source split
        between the measure's units (summing to the line); other sources stay unallocated.
    """
    return {
        "number": number,
        "title": title,
        "result": result,
        "deadline": deadline,
        "lead": lead,
        "co": co or [],
        "units": units or [],
        "status": status,
        "funding": funding or [],
        "indicator": indicator,
        "mechanism": mechanism,
        "allocate": allocate or {},
    }


WITHIN = ("within_budget", 2025, 2025, 0, None)

MEASURES: dict[str, list[dict]] = {
    "REG-2025-2030": [
        measure(
            "1.1.1",
            (
                "Региондорду өнүктүрүүдө мейкиндик жана социалдык-экономикалык пландоону "
                "айкалыштыруунун методикасын иштеп чыгуу жана бекитүү",
                "Разработка и утверждение методики интеграции пространственного и "
                "социально-экономического планирования развития регионов",
                "Develop and approve a methodology integrating spatial and socio-economic "
                "planning of regional development",
            ),
            ("Методика бекитилди", "Методика утверждена", "Methodology approved"),
            "IV квартал 2025",
            "mec",
            co=["minstroy", "dpi"],
            status="completed",
            funding=[WITHIN],
            indicator=(
                ("Бекитилген методика", "Утверждённая методика", "Approved methodology"),
                "units",
                0,
                2024,
                1,
                False,
            ),
            mechanism=(
                "Министрликтин буйругу",
                "Приказ министерства",
                "Ministerial order",
            ),
        ),
        measure(
            "1.1.2",
            (
                "Облустарды социалдык-экономикалык өнүктүрүүнүн 2025–2030-жылдарга "
                "программаларын Мамлекеттик программа менен шайкеш иштеп чыгуу",
                "Разработка программ социально-экономического развития областей на "
                "2025–2030 годы, согласованных с Государственной программой",
                "Draft oblast socio-economic development programmes for 2025–2030 aligned "
                "with the State Programme",
            ),
            (
                "Бардык облустардын программалары бекитилди",
                "Программы всех областей утверждены",
                "Programmes of all oblasts approved",
            ),
            "2026-жылдын II чейреги",
            "mec",
            co=["pp-naryn", "pp-batken", "pp-osh"],
            units=OBLASTS,
            status="delayed",
            funding=[WITHIN],
            indicator=(
                (
                    "Бекитилген облустук программалар",
                    "Утверждённые областные программы",
                    "Oblast programmes approved",
                ),
                "units",
                0,
                2024,
                7,
                False,
            ),
        ),
        measure(
            "1.1.3",
            (
                "ЖӨБ органдарына 2025–2030-жылдарга аймактарды өнүктүрүү программаларын жана "
                "иш-аракеттер пландарын бекитүүдө методикалык колдоо көрсөтүү",
                "Методическая поддержка органов МСУ в утверждении программ развития "
                "территорий и планов мероприятий на 2025–2030 годы",
                "Provide methodological support to LSG bodies in approving territorial "
                "development programmes and action plans for 2025–2030",
            ),
            (
                "Айыл аймактарынын баары бекитилген программаларга ээ",
                "Все айылные аймаки имеют утверждённые программы",
                "Every ayil aimak has an approved programme",
            ),
            "2025–2030",
            "mec",
            co=["ulsg", "partnership", "swiss-ils"],
            units=[AT_BASHY, KOCHKOR, LEILEK, ALAI, AITMATOV, TON, KEMIN],
            funding=[("donor", 2025, 2027, 3500, "swiss-ils")],
            indicator=(
                (
                    "Бекитилген программасы бар айыл аймактарынын үлүшү",
                    "Доля айылных аймаков с утверждёнными программами",
                    "Share of ayil aimaks with approved programmes",
                ),
                "percent",
                20,
                2024,
                100,
                False,
            ),
        ),
        measure(
            "1.2.1",
            (
                "Өсүү чекиттери болуп саналган калктуу конуштардын башкы пландарын иштеп чыгуу "
                "жана жаңылоо",
                "Разработка и актуализация генеральных планов населённых пунктов — точек роста",
                "Prepare and update general plans of settlements designated as growth points",
            ),
            (
                "Башкы пландар бекитилди",
                "Генеральные планы утверждены",
                "General plans approved",
            ),
            "2025–2030",
            "minstroy",
            co=["mayor-naryn", "mayor-batken"],
            units=[NARYN_CITY, BATKEN_CITY, KARAKOL, TALAS_CITY, JALAL_ABAD_CITY],
            funding=[
                ("republican", 2025, 2030, 12000, None),
                ("local", 2026, 2028, 3000, None),
            ],
            # The republican money per city; the local budgets' share is not split (sample).
            allocate={
                "republican": {
                    NARYN_CITY: 3000,
                    BATKEN_CITY: 2500,
                    KARAKOL: 2500,
                    TALAS_CITY: 2000,
                    JALAL_ABAD_CITY: 2000,
                }
            },
            indicator=(
                (
                    "Бекитилген башкы пландардын саны",
                    "Количество утверждённых генеральных планов",
                    "General plans approved",
                ),
                "units",
                3,
                2024,
                25,
                False,
            ),
        ),
        measure(
            "1.2.2",
            (
                "Облустардын аймактык пландоо схемаларын иштеп чыгуу",
                "Разработка схем территориального планирования областей",
                "Prepare territorial planning schemes for the oblasts",
            ),
            (
                "Жети облустун схемалары бекитилди",
                "Схемы семи областей утверждены",
                "Schemes of the seven oblasts approved",
            ),
            "IV квартал 2027",
            "minstroy",
            co=["mec", "pp-naryn", "pp-osh"],
            units=OBLASTS,
            status="planned",
            funding=[("republican", 2026, 2027, 8000, None)],
            indicator=(
                (
                    "Бекитилген аймактык пландоо схемалары",
                    "Утверждённые схемы территориального планирования",
                    "Territorial planning schemes approved",
                ),
                "units",
                0,
                2024,
                7,
                False,
            ),
        ),
        measure(
            "1.2.3",
            (
                "Мейкиндиктик пландоо маалыматтарынын бирдиктүү геопорталын түзүү",
                "Создание единого геопортала данных пространственного планирования",
                "Create a single geoportal of spatial planning data",
            ),
            (
                "Геопортал иштеп жатат",
                "Геопортал введён в эксплуатацию",
                "Geoportal in operation",
            ),
            "II полугодие 2026",
            "minstroy",
            co=["undp", "mnr"],
            funding=[
                ("donor", 2025, 2026, 4500, "undp"),
                ("republican", 2026, 2026, 1500, None),
            ],
        ),
        measure(
            "1.3.1",
            (
                "Региондордун өнүгүү көрсөткүчтөрүнүн системасын киргизүү жана региондордун "
                "рейтингин жыл сайын жарыялоо",
                "Внедрение системы индикаторов развития регионов и ежегодная публикация "
                "рейтинга регионов",
                "Introduce regional development indicators and publish an annual ranking of "
                "regions",
            ),
            (
                "Рейтинг жыл сайын жарыяланат",
                "Рейтинг публикуется ежегодно",
                "Ranking published every year",
            ),
            "ежегодно",
            "mec",
            co=["mof"],
            units=OBLASTS + [BISHKEK, OSH_CITY],
            funding=[("within_budget", 2025, 2030, 0, None)],
            indicator=(
                ("Жарыяланган рейтинг", "Опубликованный рейтинг", "Ranking published"),
                "units",
                0,
                2024,
                1,
                True,
            ),
        ),
        measure(
            "1.3.2",
            (
                "Айыл аймактарынын деңгээлинде муниципалдык статистиканы жүргүзүүнү киргизүү",
                "Внедрение муниципальной статистики на уровне айылных аймаков",
                "Introduce municipal statistics at ayil aimak level",
            ),
            (
                "Муниципалдык статистика бардык облустарда жүргүзүлөт",
                "Муниципальная статистика ведётся во всех областях",
                "Municipal statistics kept in every oblast",
            ),
            "2027",
            "mec",
            co=["ulsg", "undp"],
            units=OBLASTS,
            status="planned",
            funding=[("donor", 2026, 2027, 2000, "undp")],
        ),
        measure(
            "2.1.1",
            (
                "Өсүү чекиттеринин инженердик инфраструктурасын (суу түтүгү, канализация, "
                "электр менен камсыздоо) өнүктүрүү",
                "Развитие инженерной инфраструктуры точек роста (водопровод, канализация, "
                "электроснабжение)",
                "Develop engineering infrastructure in growth points (water supply, sewerage, "
                "power)",
            ),
            (
                "Инфраструктура жаңыланды",
                "Инфраструктура обновлена",
                "Infrastructure upgraded",
            ),
            "2025–2030",
            "minstroy",
            co=["mayor-naryn", "mayor-batken"],
            units=[NARYN_CITY, BATKEN_CITY, TALAS_CITY, KARAKOL],
            funding=[
                ("republican", 2025, 2030, 45000, None),
                ("local", 2025, 2030, 5000, None),
                ("private", 2027, 2030, 10000, None),
            ],
            indicator=(
                (
                    "Курулган жана реконструкцияланган тармактар",
                    "Построенные и реконструированные сети",
                    "Networks built or reconstructed",
                ),
                "km",
                0,
                2024,
                60,
                False,
            ),
        ),
        measure(
            "2.1.2",
            (
                "Өсүү чекиттеринде өнөр жай-логистикалык аянтчаларды түзүү",
                "Создание промышленно-логистических площадок в точках роста",
                "Create industrial and logistics sites in growth points",
            ),
            (
                "Аянтчалар ишке киргизилди",
                "Площадки введены в эксплуатацию",
                "Sites in operation",
            ),
            "2026-2028",
            "mec",
            co=["mtc", "minstroy"],
            units=[TOKMOK, JALAL_ABAD_CITY, NARYN_CITY],
            status="planned",
            funding=[
                ("private", 2026, 2028, 20000, None),
                ("republican", 2026, 2026, 5000, None),
            ],
            indicator=(
                ("Ачылган аянтчалар", "Открытые площадки", "Sites opened"),
                "units",
                0,
                2025,
                3,
                False,
            ),
        ),
        measure(
            "2.1.3",
            (
                "Өсүү чекиттеринин инвестициялык паспортторун иштеп чыгуу",
                "Разработка инвестиционных паспортов точек роста",
                "Prepare investment passports of growth points",
            ),
            (
                "Паспорттор жарыяланды",
                "Паспорта опубликованы",
                "Passports published",
            ),
            "IV квартал 2025",
            "mec",
            co=["pp-naryn", "pp-batken", "pp-osh"],
            units=[NARYN_CITY, BATKEN_CITY, KARAKOL, TALAS_CITY, TOKMOK, KYZYL_KIYA],
            status="delayed",
            funding=[WITHIN],
            indicator=(
                ("Инвестициялык паспорттор", "Инвестиционные паспорта", "Investment passports"),
                "units",
                0,
                2024,
                12,
                False,
            ),
        ),
        measure(
            "2.2.1",
            (
                "Бишкек жана Ош шаарларында коомдук транспорттун тейлөө сапатын жакшыртуу",
                "Повышение качества обслуживания общественным транспортом в городах Бишкек и Ош",
                "Improve public transport services in Bishkek and Osh",
            ),
            (
                "Жаңыланган автобус паркы жана каттамдар",
                "Обновлённый автобусный парк и маршрутная сеть",
                "Renewed bus fleet and route network",
            ),
            "2025–2030",
            "mtc",
            co=["ulsg"],
            units=[BISHKEK, OSH_CITY],
            funding=[("local", 2025, 2030, 30000, None)],
            allocate={"local": {BISHKEK: 18000, OSH_CITY: 12000}},
            indicator=(
                ("Жаңы автобустар", "Новые автобусы", "New buses"),
                "units",
                0,
                2024,
                300,
                False,
            ),
        ),
        measure(
            "2.2.2",
            (
                "Шаарларда катуу тиричилик калдыктарын башкаруу системасын модернизациялоо",
                "Модернизация системы управления твёрдыми бытовыми отходами в городах",
                "Modernise solid waste management in cities",
            ),
            (
                "Полигондор стандарттарга ылайык келет",
                "Полигоны соответствуют стандартам",
                "Landfills meet the standards",
            ),
            "2026-жылдын II чейреги",
            "mnr",
            co=["mayor-naryn"],
            units=[OSH_CITY, JALAL_ABAD_CITY, KARAKOL, NARYN_CITY],
            status="completed",
            funding=[
                ("republican", 2025, 2026, 6000, None),
                ("local", 2025, 2026, 1500, None),
            ],
        ),
        measure(
            "2.2.3",
            (
                "Өсүү чекиттеринде жеткиликтүү турак жай куруу",
                "Строительство доступного жилья в точках роста",
                "Build affordable housing in growth points",
            ),
            (
                "Турак жай пайдаланууга берилди",
                "Жильё введено в эксплуатацию",
                "Housing commissioned",
            ),
            "2025-2030",
            "minstroy",
            units=[NARYN_CITY, BATKEN_CITY, TALAS_CITY],
            funding=[
                ("republican", 2025, 2030, 20000, None),
                ("private", 2026, 2030, 35000, None),
            ],
            indicator=(
                ("Курулган батирлер", "Построенные квартиры", "Flats built"),
                "units",
                0,
                2024,
                1200,
                False,
            ),
        ),
        measure(
            "2.2.4",
            (
                "Чакан шаарларда коомдук мейкиндиктерди абаттоо жана көчөлөрдү жарыктандыруу",
                "Благоустройство общественных пространств и уличное освещение в малых городах",
                "Improve public spaces and street lighting in small towns",
            ),
            (
                "Абаттоо иштери аяктады",
                "Работы по благоустройству завершены",
                "Improvement works completed",
            ),
            "2027 год",
            "minstroy",
            co=["ulsg"],
            units=[KOK_JANGAK, KYZYL_KIYA, SULUKTA, BALYKCHY, TASH_KUMYR, MAILUU_SUU],
            status="planned",
            funding=[("local", 2026, 2027, 2500, None), ("republican", 2027, 2027, 4000, None)],
        ),
        measure(
            "3.1.1",
            (
                "Баткен облусунун чек ара аймактарындагы автомобиль жолдорун реконструкциялоо",
                "Реконструкция автомобильных дорог в приграничных районах Баткенской области",
                "Reconstruct roads in the border districts of Batken Region",
            ),
            (
                "Жолдор реконструкцияланды",
                "Дороги реконструированы",
                "Roads reconstructed",
            ),
            "2025–2030",
            "mtc",
            co=["pp-batken"],
            units=[BATKEN_DISTRICT, LEILEK, KADAMJAI],
            funding=[("republican", 2025, 2030, 80000, None)],
            allocate={"republican": {BATKEN_DISTRICT: 40000, LEILEK: 25000, KADAMJAI: 15000}},
            indicator=(
                (
                    "Реконструкцияланган жолдордун узундугу",
                    "Протяжённость реконструированных дорог",
                    "Length of roads reconstructed",
                ),
                "km",
                0,
                2024,
                120,
                False,
            ),
        ),
        measure(
            "3.1.2",
            (
                "Нарын облусунун алыскы айылдарына кирүүчү жолдорду оңдоо",
                "Ремонт подъездных дорог к отдалённым сёлам Нарынской области",
                "Repair access roads to remote villages of Naryn Region",
            ),
            (
                "Кирүүчү жолдор оңдолду",
                "Подъездные дороги отремонтированы",
                "Access roads repaired",
            ),
            "IV квартал 2026",
            "mtc",
            co=["pp-naryn", "ao-ak-muz"],
            units=[AT_BASHY, AK_TALAA, KOCHKOR, JUMGAL, NARYN_DISTRICT],
            funding=[
                ("republican", 2025, 2026, 25000, None),
                ("local", 2026, 2026, 2000, None),
            ],
            indicator=(
                ("Оңдолгон жолдор", "Отремонтированные дороги", "Roads repaired"),
                "km",
                0,
                2024,
                85,
                False,
            ),
        ),
        measure(
            "3.1.3",
            (
                "Алыскы жана чек ара айылдарын мобилдик интернет менен камсыз кылуу",
                "Обеспечение отдалённых и приграничных сёл мобильным интернетом",
                "Provide mobile internet in remote and border villages",
            ),
            (
                "Айылдар 4G байланышы менен камтылды",
                "Сёла покрыты связью 4G",
                "Villages covered by 4G",
            ),
            "2027-жыл",
            "mtc",
            units=[CHON_ALAI, ALAI, CHATKAL, TOGUZ_TORO, AT_BASHY],
            status="planned",
            funding=[("private", 2026, 2027, 15000, None)],
            indicator=(
                ("Камтылган айылдар", "Охваченные сёла", "Villages covered"),
                "units",
                0,
                2025,
                140,
                False,
            ),
        ),
        measure(
            "3.2.1",
            (
                "Бийик тоолуу аймактардагы айыл аймактарын таза ичүүчү суу менен камсыз кылуу",
                "Обеспечение питьевой водой айылных аймаков высокогорных территорий",
                "Supply drinking water to ayil aimaks in high-mountain areas",
            ),
            (
                "Ичүүчү сууга жеткиликтүүлүк жогорулады",
                "Доступ к питьевой воде расширен",
                "Wider access to drinking water",
            ),
            "2025–2030",
            # Drinking water moved to this ministry's Water Resources Service in 2024 (review §2).
            "mvr",
            co=["minstroy", "swiss-ils", "ulsg"],
            units=[AT_BASHY, AK_TALAA, KOCHKOR, JUMGAL, CHON_ALAI, ALAI, TON, JETI_OGUZ],
            funding=[
                ("republican", 2025, 2030, 40000, None),
                ("donor", 2025, 2027, 12000, "swiss-ils"),
                ("local", 2025, 2030, 2000, None),
            ],
            indicator=(
                (
                    "Таза ичүүчү сууга жеткиликтүү калктын үлүшү",
                    "Доля населения с доступом к питьевой воде",
                    "Share of population with access to drinking water",
                ),
                "percent",
                68,
                2024,
                85,
                False,
            ),
        ),
        measure(
            "3.2.2",
            (
                "Алыскы айылдарда фельдшердик-акушердик пункттарды куруу жана жабдуу",
                "Строительство и оснащение фельдшерско-акушерских пунктов в отдалённых сёлах",
                "Build and equip feldsher-midwife posts in remote villages",
            ),
            (
                "ФАПтар ачылды",
                "ФАПы открыты",
                "Posts opened",
            ),
            "IV квартал 2025",
            "moh",
            co=["ulsg"],
            units=[CHON_ALAI, KARA_KULJA, CHATKAL, LEILEK],
            status="completed",
            funding=[("republican", 2025, 2025, 18000, None)],
            indicator=(
                ("Ачылган ФАПтар", "Открытые ФАПы", "Posts opened"),
                "units",
                0,
                2024,
                12,
                False,
            ),
        ),
        measure(
            "3.2.3",
            (
                "Бийик тоолуу райондордогу мектептерди оңдоо жана жылуулоо",
                "Ремонт и утепление школ в высокогорных районах",
                "Repair and insulate schools in high-mountain districts",
            ),
            (
                "Мектептер кышка даяр",
                "Школы подготовлены к зиме",
                "Schools ready for winter",
            ),
            "жыл сайын",
            "mes",
            co=["ulsg"],
            units=[AT_BASHY, AK_TALAA, ALAI, CHON_ALAI, TOGUZ_TORO],
            funding=[("republican", 2025, 2030, 9000, None), ("local", 2025, 2030, 1000, None)],
            indicator=(
                ("Оңдолгон мектептер", "Отремонтированные школы", "Schools repaired"),
                "units",
                0,
                2024,
                15,
                True,
            ),
        ),
        measure(
            "3.3.1",
            (
                "Чек ара аймактарындагы фермерлерге жеңилдетилген насыя берүү",
                "Льготное кредитование фермеров приграничных территорий",
                "Provide concessional loans to farmers in border areas",
            ),
            (
                "Насыя алган чарбалардын саны өстү",
                "Выросло число хозяйств, получивших кредиты",
                "More farms received loans",
            ),
            "2025–2030",
            "mvr",
            co=["mof"],
            units=[BATKEN_DISTRICT, LEILEK, KADAMJAI, AKSY, ALA_BUKA, KARA_SUU],
            funding=[("republican", 2025, 2030, 30000, None)],
            indicator=(
                ("Насыя алган чарбалар", "Хозяйства, получившие кредиты", "Farms with loans"),
                "units",
                0,
                2024,
                1800,
                False,
            ),
        ),
        measure(
            "3.3.2",
            (
                "Чек ара соода аянтчаларын уюштуруу",
                "Организация приграничных торговых площадок",
                "Set up cross-border trade sites",
            ),
            (
                "Соода аянтчалары иштеп жатат",
                "Торговые площадки работают",
                "Trade sites operating",
            ),
            "до 1 июля 2026 года",
            "mec",
            co=["pp-batken", "pp-osh"],
            units=[BATKEN_DISTRICT, KARA_SUU, ARAVAN],
            status="delayed",
            funding=[("republican", 2025, 2026, 7000, None), ("private", 2026, 2026, 5000, None)],
        ),
        measure(
            "3.3.3",
            (
                "Бийик тоолуу жайыттарды сарамжалдуу пайдаланууну жана сугат тармактарын "
                "калыбына келтирүүнү камсыз кылуу",
                "Рациональное использование высокогорных пастбищ и восстановление "
                "оросительной сети",
                "Sustainable use of high-mountain pastures and restoration of irrigation networks",
            ),
            (
                "Жайыттардын абалы жакшырды",
                "Состояние пастбищ улучшилось",
                "Pastures in better condition",
            ),
            "постоянно",
            "mvr",
            co=["mnr", "ulsg"],
            units=[AT_BASHY, KOCHKOR, ALAI, CHON_ALAI, BAKAI_ATA, TALAS_DISTRICT],
            funding=[("republican", 2025, 2030, 6000, None)],
        ),
        measure(
            "4.1.1",
            (
                "ЖӨБ органдарынын кызматкерлерин стратегиялык пландоо жана бюджеттөө боюнча окутуу",
                "Обучение работников органов МСУ стратегическому планированию и бюджетированию",
                "Train LSG staff in strategic planning and budgeting",
            ),
            (
                "Кызматкерлер окутулду",
                "Работники обучены",
                "Staff trained",
            ),
            "ежегодно",
            "mec",
            co=["ulsg", "dpi", "swiss-ils"],
            units=OBLASTS,
            funding=[
                ("donor", 2025, 2027, 2500, "swiss-ils"),
                ("within_budget", 2025, 2030, 0, None),
            ],
            indicator=(
                ("Окутулган кызматкерлер", "Обученные работники", "Staff trained"),
                "people",
                0,
                2024,
                600,
                True,
            ),
        ),
        measure(
            "4.1.2",
            (
                "Жергиликтүү кызмат көрсөтүүлөрдүн стандарттарын бекитүү",
                "Утверждение стандартов местных услуг",
                "Approve standards of local services",
            ),
            (
                "Стандарттар бекитилди",
                "Стандарты утверждены",
                "Standards approved",
            ),
            "2026-жылдын II чейреги",
            "mec",
            co=["ulsg", "swiss-ils"],
            status="completed",
            funding=[("donor", 2025, 2026, 800, "swiss-ils")],
        ),
        measure(
            "4.1.3",
            (
                "Жергиликтүү бюджетти түзүүгө жарандардын катышуусу практикасын жайылтуу",
                "Распространение практики участия граждан в формировании местного бюджета",
                "Spread citizen participation in local budgeting",
            ),
            (
                "Катышуучулук бюджеттөө жайылды",
                "Практика партисипаторного бюджетирования распространена",
                "Participatory budgeting widespread",
            ),
            "туруктуу",
            "mec",
            co=["partnership", "dpi"],
            units=[AITMATOV, MANAS_DISTRICT, PANFILOV, JETI_OGUZ, NARYN_DISTRICT],
            funding=[("donor", 2025, 2028, 1200, "swiss-ils")],
        ),
        measure(
            "4.2.1",
            (
                "Теңдештирүүчү гранттарды бөлүштүрүү методикасын кайра карап чыгуу",
                "Пересмотр методики распределения выравнивающих грантов",
                "Revise the method of allocating equalisation grants",
            ),
            (
                "Жаңы методика колдонулат",
                "Применяется новая методика",
                "New method applied",
            ),
            "IV квартал 2025",
            "mof",
            co=["mec", "ulsg"],
            status="completed",
            funding=[WITHIN],
        ),
        measure(
            "4.2.2",
            (
                "Жергиликтүү бюджеттердин өз кирешелерин көбөйтүү үчүн кыймылсыз мүлктүн "
                "реестрин тактоо",
                "Уточнение реестра недвижимого имущества для роста собственных доходов "
                "местных бюджетов",
                "Update the real-estate register to raise local budgets' own revenue",
            ),
            (
                "Өз кирешелердин үлүшү өстү",
                "Выросла доля собственных доходов",
                "Higher share of own revenue",
            ),
            "31.12.2027",
            "mof",
            co=["ulsg"],
            units=OBLASTS,
            status="planned",
            funding=[("republican", 2026, 2027, 3000, None)],
            indicator=(
                (
                    "ЖӨБ бюджетинин өзүн-өзү камсыз кылуу деңгээли",
                    "Уровень самообеспеченности бюджетов ОМСУ",
                    "LSG budget self-sufficiency",
                ),
                "percent",
                40,
                2024,
                55,
                False,
            ),
        ),
        measure(
            "4.2.3",
            (
                "Жергиликтүү кызмат көрсөтүүлөрдү жакшыртуу боюнча айыл аймактарынын "
                "долбоорлорун гранттык колдоо",
                "Грантовая поддержка проектов айылных аймаков по улучшению местных услуг",
                "Grant support for ayil aimak projects improving local services",
            ),
            (
                "Долбоорлор ишке ашырылды",
                "Проекты реализованы",
                "Projects implemented",
            ),
            "2025-2027-жылдар",
            "mec",
            co=["swiss-ils", "ulsg"],
            units=[AITMATOV, BAKAI_ATA, TALAS_DISTRICT, TON, JETI_OGUZ, ALA_BUKA, TOGUZ_TORO],
            funding=[
                ("donor", 2025, 2027, 9000, "swiss-ils"),
                ("local", 2025, 2027, 1500, None),
            ],
            indicator=(
                ("Колдоого алынган долбоорлор", "Поддержанные проекты", "Projects supported"),
                "units",
                0,
                2024,
                60,
                False,
            ),
        ),
    ],
    "REG-2024-2028": [
        measure(
            "1.1.1",
            (
                "Региондук өнүктүрүүнүн мыйзамдык базасын жакшыртуу",
                "Совершенствование законодательной базы регионального развития",
                "Improve the legal framework of regional development",
            ),
            ("Мыйзам долбоору даярдалды", "Подготовлен проект закона", "Draft law prepared"),
            "IV квартал 2024",
            "mec",
            status="planned",
        ),
        measure(
            "2.1.1",
            (
                "Өсүү чекиттерин аныктоонун критерийлерин бекитүү",
                "Утверждение критериев определения точек роста",
                "Approve criteria for designating growth points",
            ),
            ("Критерийлер бекитилди", "Критерии утверждены", "Criteria approved"),
            "2025 год",
            "mec",
            co=["gosstroy"],
            status="planned",
        ),
        measure(
            "3.1.1",
            (
                "Өзгөчө көңүл буруу аймактарынын тизмесин бекитүү",
                "Утверждение перечня территорий особого внимания",
                "Approve the list of territories of special attention",
            ),
            ("Тизме бекитилди", "Перечень утверждён", "List approved"),
            "I полугодие 2025",
            "mec",
            co=["pp-naryn", "pp-batken"],
            status="planned",
        ),
        measure(
            "3.1.2",
            (
                "Чек ара айылдарын ичүүчү суу менен камсыз кылуу",
                "Обеспечение приграничных сёл питьевой водой",
                "Supply drinking water to border villages",
            ),
            ("Суу түтүктөрү курулду", "Построены водопроводы", "Water pipelines built"),
            "2024–2028",
            "gosstroy",
            co=["ulsg"],
            units=[BATKEN_DISTRICT, LEILEK, KADAMJAI],
            status="planned",
        ),
    ],
}

# ---------------------------------------------------------------------------------------------
# How the bodies report on REG-2025-2030 (all sample). seed_demo turns this into reports through
# measures.reporting, relative to the day it runs: every period of the programme's half-yearly cycle
# (Cabinet Resolution No. 80: by the 15th of the next month) that has closed, the last closed period
# of the ministry's quarterly internal cycle (by the 10th), and what bodies have sent in periods
# still open. Each measure's lead body follows one course:
#
#   steady     work in step with time, done (100 %) in the period its deadline ends in
#   late       behind plan with a reason for the delay, never done
#   waiting    reports "not started", with a reason
#   short      in step, but the indicator falls short of the year's target, with a reason
#   recurring  an annual or continuous task: partly done through the year, done at its end
#   lapsed     recurring, reported until the end of last year, nothing since
#   silent     the lead body has not reported at all
#   returned   steady, but its latest report was returned with a comment and not yet corrected
#
# measure -> (course, language the body reports in, what it did, reason for delay)
STORY: dict[str, tuple[str, str, str, str]] = {
    "1.1.1": (
        "steady",
        "ky",
        "Методиканын долбоору даярдалып, министрликтер жана ЖӨБ органдары менен макулдашылды",
        "",
    ),
    "1.1.2": (
        "late",
        "ky",
        "Облустарды социалдык-экономикалык өнүктүрүү программаларынын долбоорлору даярдалды",
        "Облустук программалардын долбоорлору облустук кеңештерде кечигип каралууда.",
    ),
    "1.1.3": (
        "steady",
        "ky",
        "Айыл аймактарына аймактык программаларды даярдоо боюнча семинарлар өткөрүлдү",
        "",
    ),
    "1.2.1": ("steady", "ru", "Разработка генеральных планов Нарына, Баткена и Каракола", ""),
    "1.2.2": ("steady", "ru", "Подготовка схем территориального планирования областей", ""),
    "1.2.3": (
        "late",
        "ru",
        "Техническое задание на геопортал согласовано, идёт закупка оборудования",
        "Донорское финансирование поступило на полгода позже плана.",
    ),
    "1.3.1": (
        "recurring",
        "ky",
        "Региондордун рейтингин эсептөө үчүн маалыматтар чогултулуп, рейтинг даярдалды",
        "",
    ),
    "1.3.2": (
        "steady",
        "ky",
        "Муниципалдык статистиканын көрсөткүчтөрүнүн тизмеси иштелип чыкты",
        "",
    ),
    "2.1.1": (
        "steady",
        "ru",
        "Строительство и реконструкция сетей водоснабжения и канализации в Нарыне и Баткене",
        "",
    ),
    "2.1.2": (
        "waiting",
        "ru",
        "Проведены переговоры с потенциальными инвесторами площадок",
        "Инвесторы для площадок пока не определены.",
    ),
    "2.1.3": (
        "late",
        "ru",
        "Подготовка инвестиционных паспортов точек роста",
        "Данные областей поступили с опозданием.",
    ),
    "2.2.1": ("returned", "ky", "Ош шаары үчүн автобустар сатылып алынды", ""),
    "2.2.2": ("steady", "ru", "Реконструкция полигонов твёрдых бытовых отходов", ""),
    "2.2.3": (
        "short",
        "ru",
        "Строительство многоквартирных домов в Нарыне, Баткене и Таласе",
        "Рост цен на строительные материалы, подрядчик отстаёт от графика.",
    ),
    "2.2.4": ("steady", "ru", "Благоустройство общественных пространств в малых городах", ""),
    "3.1.1": (
        "steady",
        "ru",
        "Реконструкция дорог в Баткенском, Лейлекском и Кадамжайском районах",
        "",
    ),
    "3.1.2": (
        "steady",
        "ky",
        "Ат-Башы жана Ак-Талаа райондорундагы кирүүчү жолдор оңдолууда",
        "",
    ),
    "3.1.3": (
        "steady",
        "ky",
        "Байланыш операторлору менен 4G тармагын кеңейтүү боюнча макулдашуулар түзүлдү",
        "",
    ),
    "3.2.1": (
        "steady",
        "ky",
        "Ат-Башы, Кочкор жана Тоң райондорундагы айылдарда суу түтүктөрү курулууда",
        "",
    ),
    "3.2.2": ("steady", "ru", "Строительство и оснащение ФАПов в отдалённых сёлах", ""),
    "3.2.3": (
        "lapsed",
        "ky",
        "Бийик тоолуу райондордогу мектептер оңдолуп, жылуулоо иштери жүргүзүлдү",
        "",
    ),
    "3.3.1": ("silent", "ru", "", ""),
    "3.3.2": (
        "late",
        "ru",
        "Подготовка приграничных торговых площадок в Баткенском и Кара-Суйском районах",
        "Не завершено согласование земельных участков.",
    ),
    "3.3.3": (
        "recurring",
        "ky",
        "Жайыт комитеттери менен жайыттарды пайдалануу пландары жаңыланды",
        "",
    ),
    "4.1.1": (
        "recurring",
        "ky",
        "ЖӨБ кызматкерлери стратегиялык пландоо жана бюджеттөө боюнча окутулду",
        "Айрым облустарда окуулар кийинки жылга жылдырылды.",
    ),
    "4.1.2": (
        "steady",
        "ky",
        "Жергиликтүү кызмат көрсөтүүлөрдүн стандарттарынын долбоорлору иштелип чыкты",
        "",
    ),
    "4.1.3": (
        "recurring",
        "ky",
        "Катышуучулук бюджеттөө боюнча коомдук угуулар өткөрүлдү",
        "",
    ),
    "4.2.1": ("steady", "ru", "Проект новой методики распределения выравнивающих грантов", ""),
    "4.2.2": ("steady", "ru", "Сверка реестра недвижимого имущества с данными ОМСУ", ""),
    "4.2.3": ("steady", "ky", "Айыл аймактарынын долбоорлоруна гранттар берилди", ""),
}
# A recurring measure whose delay reason is set falls short of its yearly target at the year's end.

# The report's text, in the language the body reports in.
REPORT_TEXT = {
    "ky": {
        "progress": "{work}. Аткарылышы — {percent} %.",
        "done": "{work}. Иш толук аткарылды.",
        "not_started": "{work}. Иш баштала элек.",
    },
    "ru": {
        "progress": "{work}. Выполнено на {percent} %.",
        "done": "{work}. Работа выполнена полностью.",
        "not_started": "{work}. Работы не начаты.",
    },
}

# Co-executors' contributions: measure -> (body, language, what it did). They report every period
# their lead body does, without money of their own.
CONTRIBUTIONS = {
    "3.1.1": ("pp-batken", "ru", "Согласованы отводы земель под расширение дорог"),
    "1.1.2": (
        "pp-naryn",
        "ky",
        "Нарын облусунун программасынын долбоору облустук кеңеште талкууланды",
    ),
}

# The editor's comments: measure -> comment. "returned" measures wait with it; for the others the
# report of the half-year before the last closed one went back once with it, then was accepted.
RETURN_COMMENTS = {
    "2.2.1": "Бишкек шаары боюнча маалымат жок; көрсөткүчтүн маанисин тактаңыз.",
    "1.1.3": "Айыл аймактарынын саны менен үлүшү дал келбейт; көрсөткүчтү тактаңыз.",
    "4.2.3": "Гранттардын суммасын каржылоо булактары боюнча бөлүп көрсөтүңүз.",
}
# The reporter's own body (MTC): its report of the last closed quarter on these measures went in
# after the due date and waits for review; it is drafting the open half-year's report on these.
SUBMITTED_LATE = ["3.1.1"]
DRAFTING = ["3.1.1"]
# Reports sent early in a period that has ended but is not yet due, waiting for review (a report
# that says the measure, or its year, is done goes early too, and is accepted at once).
SENT_EARLY = ["1.2.1", "2.1.1", "4.2.2", "3.2.1"]

# The editor's override of a computed status: measure -> (status, reason).
OVERRIDES = {
    "3.2.1": (
        "at_risk",
        "Швейцариянын каржылоосу 2027-жылы бүтөт; 2028–2030-жылдарга каржылоо булагы "
        "аныктала элек.",
    ),
}

# Accounts that file the other bodies' reports (sample people; no password, so nobody logs in as
# them): body -> (username, first name, last name). The `reporter` demo account files MTC's.
REPORTING_OFFICERS = {
    "mec": ("mec-reporting", "Бактыгүл", "Сейтказиева"),
    "minstroy": ("minstroy-reporting", "Андрей", "Ким"),
    "mnr": ("mnr-reporting", "Замира", "Токтогулова"),
    "moh": ("moh-reporting", "Айгерим", "Мамбетова"),
    "mes": ("mes-reporting", "Нургүл", "Абдраимова"),
    "mvr": ("mvr-reporting", "Улан", "Жээнбеков"),
    "mof": ("mof-reporting", "Елена", "Исмаилова"),
    "pp-batken": ("batken-reporting", "Алишер", "Турдубаев"),
    "pp-naryn": ("naryn-reporting", "Мирлан", "Орозбеков"),
}

# ---------------------------------------------------------------------------------------------
# Working groups: both are real. The 2024 group drafted the programme 2024–2028 (MEC order No. 4);
# the 2025 group drafts the programme for high-mountain, remote and border territories (24.kg
# 12.11.2025: chaired by the first deputy minister, organised with the Development Policy
# Institute in the Partnership funded by Switzerland). Who sits in them is not published: the
# members below are invented (sample), and so are the 2025 group's meetings No. 2 and 3.
GROUPS: dict[str, dict] = {}
GROUPS["mwg-regional-development-2024"] = {
    "programme": "REG-2024-2028",
    "founding_act": "order-4",
    "name": (
        "2024–2028-жылдарга Кыргыз Республикасынын региондорун өнүктүрүүнүн Мамлекеттик "
        "программасынын долбоорун иштеп чыгуу боюнча Ведомстволор аралык жумушчу топ",
        "Межведомственная рабочая группа по разработке проекта Государственной программы "
        "развития регионов Кыргызской Республики на 2024–2028 годы",
        "Interdepartmental Working Group for drafting the State Programme for Regional "
        "Development of the Kyrgyz Republic for 2024–2028",
    ),
    "description": (
        "Экономика жана коммерция министрлигинин 2024-жылдын 17-январындагы № 4 буйругу менен "
        "түзүлгөн.",
        "Создана приказом Министерства экономики и коммерции от 17 января 2024 года № 4.",
        "Established by Order No. 4 of the Ministry of Economy and Commerce of 17 January 2024.",
    ),
    "members_from": dt.date(2024, 1, 17),
}
GROUPS["mwg-high-mountain-2025"] = {
    "programme": "HRB-2026-2030",
    "founding_act": None,  # not published
    "name": (
        "Бийик тоолуу, алыскы жана чек ара аймактарын 2030-жылга чейин өнүктүрүүнүн "
        "Мамлекеттик программасын даярдоо боюнча Ведомстволор аралык жумушчу топ",
        "Межведомственная рабочая группа по подготовке Государственной программы развития "
        "высокогорных, отдалённых и приграничных территорий до 2030 года",
        "Interdepartmental Working Group preparing the State Programme for the Development of "
        "High-Mountain, Remote and Border Territories to 2030",
    ),
    "description": (
        "Экономика жана коммерция министрлигинин жумушчу тобу. Биринчи жыйыны 2025-жылдын "
        "12-ноябрында Экономика жана коммерция министринин биринчи орун басарынын "
        "төрагалыгы менен өттү; Өнүктүрүү саясаты институтунун колдоосу менен Швейцария "
        "каржылаган «Кыргыз Республикасында жергиликтүү өз алдынча башкарууну өнүктүрүү "
        "үчүн» өнөктөштүгүнүн алкагында уюштурулду.",
        "Рабочая группа Министерства экономики и коммерции. Первое заседание прошло 12 ноября "
        "2025 года под руководством первого заместителя министра экономики и коммерции; "
        "организовано при поддержке Института политики развития в рамках Партнёрства «За "
        "развитие местного самоуправления в Кыргызской Республике», финансируемого Швейцарией.",
        "A working group of the Ministry of Economy and Commerce. Its first meeting, on 12 "
        "November 2025, was chaired by the First Deputy Minister of Economy and Commerce and "
        "organised with the support of the Development Policy Institute within the Partnership "
        "“For the Development of Local Self-Government in the Kyrgyz Republic”, funded by "
        "Switzerland.",
    ),
    "members_from": dt.date(2025, 11, 12),
}
# The same (invented) people sit in the 2025 group; their bodies as they are named by then.
BODY_IN_2025 = {"gosstroy": "minstroy", "moa": "mvr", "swiss-ils": "partnership"}

# Members (invented people, sample): full name, body (in 2024), role, position, portal user
MEMBERS = [
    (
        "Жумабеков Азамат",
        "mec",
        "chair",
        (
            "Экономика жана коммерция министринин орун басары",
            "Заместитель министра экономики и коммерции",
            "Deputy Minister of Economy and Commerce",
        ),
        None,
    ),
    (
        "Осмонова Гулнара",
        "mec",
        "deputy",
        (
            "Региондук өнүктүрүү саясаты башкармалыгынын башчысы",
            "Заведующая отделом политики регионального развития",
            "Head of the Regional Development Policy Department",
        ),
        None,
    ),
    (
        "Токтосунова Айпери",
        "mec",
        "secretary",
        (
            "Региондук өнүктүрүү саясаты башкармалыгынын башкы адиси",
            "Главный специалист отдела политики регионального развития",
            "Chief specialist, Regional Development Policy Department",
        ),
        "secretary",
    ),
    (
        "Абдыкалыков Нурлан",
        "mof",
        "member",
        (
            "Бюджеттик саясат башкармалыгынын башчысынын орун басары",
            "Заместитель заведующего управлением бюджетной политики",
            "Deputy head of the Budget Policy Department",
        ),
        "member",
    ),
    (
        "Сатыбалдиев Эрлан",
        "mtc",
        "member",
        (
            "Жол чарба башкармалыгынын башкы адиси",
            "Главный специалист управления дорожного хозяйства",
            "Chief specialist, Roads Department",
        ),
        None,
    ),
    (
        "Мамытова Жылдыз",
        "moa",
        "member",
        (
            "Айыл аймактарын өнүктүрүү бөлүмүнүн башчысы",
            "Заведующая отделом развития сельских территорий",
            "Head of the Rural Development Division",
        ),
        None,
    ),
    (
        "Курманалиев Бакыт",
        "gosstroy",
        "member",
        (
            "Аймактык пландоо башкармалыгынын башчысы",
            "Начальник управления территориального планирования",
            "Head of the Territorial Planning Department",
        ),
        None,
    ),
    (
        "Исакова Чолпон",
        "ulsg",
        "member",
        ("Аткаруучу директор", "Исполнительный директор", "Executive Director"),
        None,
    ),
    (
        "Асанов Талант",
        "pp-naryn",
        "member",
        (
            "Ыйгарым укуктуу өкүлдүн орун басары",
            "Заместитель полномочного представителя",
            "Deputy Plenipotentiary Representative",
        ),
        None,
    ),
    (
        "Эсенгулова Динара",
        "swiss-ils",
        "member",
        (
            "Долбоордун жетекчиси (байкоочу)",
            "Руководитель проекта (наблюдатель)",
            "Project manager (observer)",
        ),
        None,
    ),
    (
        "Бекболотов Руслан",
        "dpi",
        "member",
        ("Эксперт", "Эксперт", "Expert"),
        None,
    ),
]

# The meeting of 12.06.2024 as the ministry's news tells it: the date, what was discussed (the
# agenda items say it in the news's words) and who organised it (in the news text). The news gives
# no time of day, place, attendance, minutes or decisions, so the portal shows none; 10:00 stands
# for the unknown hour, because a meeting needs one.
MEETING_1 = {
    "number": 1,
    "starts": (2024, 6, 12, 10, 0),
    "news_title": (
        None,  # the ministry's own Kyrgyz title, read from the news file
        "Состоялось совещание рабочей группы по разработке проекта Государственной программы "
        "развития регионов КР на 2024–2028 годы",
        "Working group drafting the State Programme for Regional Development of the Kyrgyz "
        "Republic for 2024–2028 meets",
    ),
    "news_text_ru": "\n\n".join(
        [
            "12 июня 2024 года состоялось совещание рабочей группы по разработке «проекта "
            "Государственной программы развития регионов Кыргызской Республики на 2024–2028 "
            "годы».",
            "Программа разрабатывается во исполнение Указа Президента Кыргызской Республики от "
            "18 октября 2022 года № 350 «О дальнейших мерах по совершенствованию "
            "административно-территориального устройства Кыргызской Республики и развитию "
            "регионов», а также плана действий Кабинета Министров Кыргызской Республики.",
            "Приказом Министерства экономики и коммерции Кыргызской Республики от 17 января "
            "2024 года № 4 создана Межведомственная рабочая группа по разработке проекта "
            "Государственной программы развития регионов Кыргызской Республики на 2024–2028 "
            "годы.",
            "Участники совещания обсудили разработанный проект Государственной программы "
            "развития регионов Кыргызской Республики на 2024–2028 годы и выработали предложения "
            "для включения в проект плана мероприятий по реализации Государственной программы "
            "развития регионов Кыргызской Республики на 2024–2028 годы.",
            "Государственная программа должна сформировать рамки системы управления "
            "региональным развитием, в том числе сочетающей пространственное и социально-"
            "экономическое планирование, и определить основные направления развития для "
            "урбанизированных территорий и территорий особого внимания, для которых будут "
            "разработаны комплексные меры, адресованные различным уровням государственного "
            "управления, органам местного самоуправления, частному сектору и гражданскому "
            "обществу.",
            "Совещание организовано при участии проекта «Улучшение услуг на местном уровне», "
            "финансируемого Правительством Швейцарии, и Партнёрства «За развитие местного "
            "самоуправления в Кыргызской Республике».",
        ]
    ),
    "news_text_en": "\n\n".join(
        [
            "On 12 June 2024, the working group drafting the “State Programme for Regional "
            "Development of the Kyrgyz Republic for 2024–2028” held a meeting.",
            "The programme is being drafted to implement Decree of the President of the Kyrgyz "
            "Republic No. 350 of 18 October 2022 “On further measures to improve the "
            "administrative-territorial structure of the Kyrgyz Republic and develop the "
            "regions”, as well as the action plan of the Cabinet of Ministers of the Kyrgyz "
            "Republic.",
            "The Interdepartmental Working Group for drafting the State Programme for Regional "
            "Development of the Kyrgyz Republic for 2024–2028 was established by Order No. 4 of "
            "the Ministry of Economy and Commerce of the Kyrgyz Republic of 17 January 2024.",
            "The participants discussed the draft State Programme for Regional Development of "
            "the Kyrgyz Republic for 2024–2028 and worked out proposals for inclusion in the "
            "draft action plan for implementing the State Programme for Regional Development of "
            "the Kyrgyz Republic for 2024–2028.",
            "The State Programme is to set up the framework of a regional development management "
            "system, including the combination of spatial and socio-economic planning, and to "
            "set the main directions of development for urbanized territories and territories "
            "of special attention, for which comprehensive measures addressed to the different "
            "levels of government, local self-government bodies, the private sector and civil "
            "society will be developed.",
            "The meeting was organised with the participation of the “Improvement of Local "
            "Services” project funded by the Government of Switzerland and the Partnership “For "
            "the Development of Local Self-Government in the Kyrgyz Republic”.",
        ]
    ),
    "news_published": (2024, 6, 13, 10, 0),
    # (position, title, presenting body, minutes)
    "agenda": [
        (
            1,
            (
                "2024–2028-жылдарга Кыргыз Республикасынын региондорун өнүктүрүүнүн Мамлекеттик "
                "программасынын долбоорун талкуулоо",
                "Обсуждение проекта Государственной программы развития регионов Кыргызской "
                "Республики на 2024–2028 годы",
                "Discussion of the draft State Programme for Regional Development of the Kyrgyz "
                "Republic for 2024–2028",
            ),
            None,
            ("", "", ""),
        ),
        (
            2,
            (
                "Мамлекеттик программаны ишке ашыруу боюнча иш-чаралар планынын долбооруна "
                "сунуштар",
                "Предложения в проект плана мероприятий по реализации Государственной программы",
                "Proposals for the draft action plan implementing the State Programme",
            ),
            None,
            ("", "", ""),
        ),
    ],
}

# What earlier versions of the demo invented on the meeting of 12.06.2024 (a guest, decisions by
# the beginning of their Kyrgyz text) and the draft group's meeting No. 2 (by its link): seed_demo
# removes exactly these, and leaves anything else someone records there.
RETIRED_ON_MEETING_1 = {
    "guests": ["Партнёрство үчүн өкүл"],
    "decisions": [
        "Программанын долбоорун катышуучулардын сунуштарын эске алуу менен",
        "Министрликтер иш-чаралар планынын долбооруна сунуштарын",
        "Өсүү чекиттерин аныктоонун критерийлерин даярдоо.",
    ],
    "meeting_2_link": "https://meet.example.kg/mwg-regional-development-2024-2",
}

# The 2025 group's first meeting (real): its date and what it began (dpi.kg news 2187). As for
# 12.06.2024, 10:00 stands for the unknown hour; no minutes or news of it are entered.
HRB_MEETING_1 = {
    "number": 1,
    "starts": (2025, 11, 12, 10, 0),
    "agenda": [
        (
            1,
            (
                "Бийик тоолуу, алыскы жана чек ара аймактарын 2030-жылга чейин өнүктүрүүнүн "
                "Мамлекеттик программасын иштеп чыгууну баштоо",
                "Начало разработки Государственной программы развития высокогорных, "
                "отдалённых и приграничных территорий до 2030 года",
                "Starting the drafting of the State Programme for the Development of "
                "High-Mountain, Remote and Border Territories to 2030",
            ),
            None,
            ("", "", ""),
        ),
    ],
}

# Its meetings No. 2 (held, on the 15th two months before the month the demo is loaded in) and
# No. 3 (planned, on the 10th of the month after next): invented, sample.
MEETING_PLACE: T = (
    "Бишкек ш., Экономика жана коммерция министрлигинин имараты",
    "г. Бишкек, здание Министерства экономики и коммерции",
    "Bishkek, building of the Ministry of Economy and Commerce",
)
HRB_MEETING_2 = {
    "number": 2,
    "minutes_summary": (
        "Жумушчу топ программанын концепциясын жана аймактарды тизмеге киргизүүнүн "
        "критерийлерин талкуулады. Концепцияны жакшыртуу, критерийлердин долбоорун даярдоо жана "
        "министрликтерден сунуштарды чогултуу чечилди.",
        "Рабочая группа обсудила концепцию программы и критерии включения территорий в "
        "перечень. Решено доработать концепцию, подготовить проект критериев и собрать "
        "предложения министерств.",
        "The working group discussed the programme's concept and the criteria for listing "
        "territories. It decided to revise the concept, draft the criteria and collect the "
        "ministries' proposals.",
    ),
    "agenda": [
        (
            1,
            (
                "Программанын концепциясынын долбоорун талкуулоо",
                "Обсуждение проекта концепции программы",
                "Discussion of the draft concept of the programme",
            ),
            "mec",
            (
                "Концепция негизинен колдоого алынды; катышуучулар сунуштарын беришти.",
                "Концепция в целом поддержана; участники высказали предложения.",
                "The concept was broadly supported; participants made proposals.",
            ),
        ),
        (
            2,
            (
                "Бийик тоолуу, алыскы жана чек ара аймактарын тизмеге киргизүүнүн критерийлери",
                "Критерии включения высокогорных, отдалённых и приграничных территорий в перечень",
                "Criteria for listing high-mountain, remote and border territories",
            ),
            "dpi",
            (
                "Бийиктик, борборго чейинки аралык жана чек арага жакындык критерийлери "
                "талкууланды.",
                "Обсуждены критерии высоты, удалённости от центра и близости к границе.",
                "Criteria of altitude, distance from the centre and nearness to the border were "
                "discussed.",
            ),
        ),
    ],
    "absent": ["Мамытова Жылдыз"],
    # A guest's name is written once, in the language of the minutes (Kyrgyz).
    "guests": [("partnership", "Партнёрлук өкүлү", "конок")],
    # (number, agenda item, text, responsible body, deadline in days after the meeting or
    # "before_next" for 5 days before meeting No. 3, status)
    "decisions": [
        (
            "1",
            1,
            (
                "Концепцияны катышуучулардын сунуштарын эске алуу менен жакшыртуу.",
                "Доработать концепцию с учётом предложений участников.",
                "Revise the concept with the participants' proposals.",
            ),
            "mec",
            30,
            "done",
        ),
        (
            "2",
            2,
            (
                "Аймактарды тизмеге киргизүүнүн критерийлеринин долбоорун даярдоо.",
                "Подготовить проект критериев включения территорий в перечень.",
                "Draft the criteria for listing territories.",
            ),
            "dpi",
            21,
            "open",
        ),
        (
            "3",
            1,
            (
                "Министрликтер программага сунуштарын каржылоо булактарын көрсөтүү менен беришсин.",
                "Министерствам представить предложения в программу с указанием источников "
                "финансирования.",
                "Ministries to submit proposals for the programme with their funding sources.",
            ),
            "mof",
            "before_next",
            "open",
        ),
    ],
}
HRB_MEETING_3 = {
    "number": 3,
    "place": (
        "Бишкек ш., Экономика жана коммерция министрлигинин имараты жана онлайн",
        "г. Бишкек, здание Министерства экономики и коммерции, и онлайн",
        "Bishkek, building of the Ministry of Economy and Commerce, and online",
    ),
    "agenda": [
        (
            1,
            (
                "Программанын долбоорун жана каржылоо булактарын макулдашуу",
                "Согласование проекта программы и источников финансирования",
                "Agreeing the draft programme and its funding sources",
            ),
            "mec",
            ("", "", ""),
        ),
        (
            2,
            (
                "Келип түшкөн сунуштарды кароо",
                "Рассмотрение поступивших предложений",
                "Review of the proposals received",
            ),
            "mec",
            ("", "", ""),
        ),
    ],
}

# Proposals (invented, sample; user content: one language, as written). "submitted" is when it
# came in: a fixed time, or (meeting number of the 2025 group, days after it, hour). The 2024
# group's were all discussed on 12.06.2024 under item 2 and answered on 01.07.2024. "author" is the
# account that entered it: the secretariat enters the letters of bodies that have no account.
PROPOSALS = [
    {
        "group": "mwg-regional-development-2024",
        "title": "Өсүү чекиттери үчүн өзүнчө бюджеттик программа",
        "language": "ky",
        "text": "Өсүү чекиттерин каржылоо үчүн республикалык бюджетте өзүнчө бюджеттик "
        "программа караштырууну сунуштайбыз.",
        "justification": "Каржылоо булактары ачык көрүнөт жана отчеттуулук жеңилдейт.",
        "author": "member",
        "body": "mof",
        "target": "direction",
        "direction": "2",
        "status": "partly_accepted",
        "answer": "Жарым-жартылай кабыл алынды: каржылоо булактары иш-чаралар планында "
        "көрсөтүлөт; өзүнчө бюджеттик программа маселеси кийин каралат.",
        "submitted": (2024, 6, 3, 11, 20),
        "agenda_item": 2,
    },
    {
        "group": "mwg-regional-development-2024",
        "title": "Учесть мнение ОМСУ при определении точек роста",
        "language": "ru",
        "text": "Предлагаем включить в критерии определения точек роста обязательное "
        "согласование с органами местного самоуправления.",
        "author": "secretary",
        "body": "ulsg",
        "target": "objective",
        "objective": "2.1",
        "status": "accepted",
        "answer": "Принято: согласование с органами МСУ включено в проект критериев.",
        "submitted": (2024, 6, 5, 15, 40),
        "agenda_item": 2,
    },
    {
        "group": "mwg-regional-development-2024",
        "title": "Обеспечение питьевой водой высокогорных айылных аймаков",
        "language": "ru",
        "text": "Предлагаем отдельное мероприятие по водоснабжению айылных аймаков высокогорных "
        "районов с участием донорских проектов.",
        "author": "secretary",
        "body": "swiss-ils",
        "target": "new_measure",
        "status": "accepted",
        "answer": "Принято: учтено при доработке проекта плана мероприятий.",
        # What it became once the programme was adopted in 2025.
        "resulting_measure": ("REG-2025-2030", "3.2.1"),
        "submitted": (2024, 5, 28, 10, 5),
        "agenda_item": 2,
    },
    {
        "group": "mwg-regional-development-2024",
        "title": "Мыйзамдык базаны өзүнчө мыйзам менен эмес, токтом менен жөнгө салуу",
        "language": "ky",
        "text": "1.1.1-иш-чарада жаңы мыйзамдын ордуна Министрлер Кабинетинин токтомун "
        "кабыл алууну сунуштайбыз.",
        "author": "member",
        "body": "mof",
        "target": "measure",
        "measure": "1.1.1",
        "status": "rejected",
        "answer": "Четке кагылды: жумушчу топ региондук саясаттын негиздерин мыйзам "
        "деңгээлинде бекитүүнү туура көрдү.",
        "submitted": (2024, 6, 7, 9, 45),
        "agenda_item": 2,
    },
    {
        "group": "mwg-high-mountain-2025",
        "title": "Общий мониторинг без отдельного рейтинга регионов",
        "language": "ru",
        "text": "Предлагаем отказаться от рейтинга регионов в пользу общего мониторинга.",
        "author": "member",
        "body": "mof",
        "target": "programme",
        "status": "withdrawn",
        "submitted": (1, 14, 11),
    },
    {
        "group": "mwg-high-mountain-2025",
        "title": "Учитывать зимнюю недоступность дорог в сроках мероприятий",
        "language": "ru",
        "text": "В высокогорных айылных аймаках дороги закрыты до пяти месяцев в году; "
        "предлагаем учитывать это при установлении сроков строительных мероприятий.",
        "author": "secretary",
        "body": "ulsg",
        "target": "programme",
        "status": "under_review",
        "submitted": (2, -10, 16),
    },
    {
        "group": "mwg-high-mountain-2025",
        "title": "Бийик тоолуу айылдар үчүн мобилдик медициналык кызмат",
        "language": "ky",
        "text": "Алыскы айылдарда көчмө медициналык бригадалардын иштешин программага киргизүү.",
        "author": "secretary",
        "body": "moh",
        "target": "new_measure",
        "status": "on_agenda",
        "submitted": (2, 12, 10),
        "agenda_item": 2,  # of meeting No. 3
    },
    {
        "group": "mwg-high-mountain-2025",
        "title": "Өзгөчө көңүл буруу аймактары үчүн теңдештирүүчү гранттын коэффициенти",
        "language": "ky",
        "text": "Бийик тоолуу жана чек ара айыл аймактары үчүн теңдештирүүчү гранттарды "
        "эсептөөдө жогорулатуучу коэффициент киргизүүнү сунуштайбыз.",
        "author": "member",
        "body": "mof",
        "target": "programme",
        "status": "submitted",
        "submitted": (2, 25, 14),
    },
]

# Socio-economic values from DOMAIN.md §5, exactly as published: (indicator, SOATE, year, value).
INDICATOR_VALUES = [
    ("grp-per-capita", BISHKEK, 2020, "212.0"),
    ("grp-per-capita", "41702000000000", 2020, "176.5"),
    ("grp-per-capita", OSH_CITY, 2020, "112.0"),
    ("grp-per-capita", "41703000000000", 2020, "54.2"),
    ("grp-per-capita", "41705000000000", 2020, "42.3"),
    ("grp-per-capita", "41706000000000", 2020, "37.0"),
    ("extreme-poverty-rate", "41705000000000", 2021, "10.1"),
    ("extreme-poverty-rate", BISHKEK, 2021, "9.5"),
    ("extreme-poverty-rate", "41704000000000", 2021, "8.2"),
    ("extreme-poverty-rate", "41702000000000", 2021, "8.0"),
    ("extreme-poverty-rate", "41703000000000", 2021, "7.5"),
    ("extreme-poverty-rate", "41708000000000", 2021, "4.0"),
    ("extreme-poverty-rate", OSH_CITY, 2021, "3.1"),
    ("extreme-poverty-rate", "41707000000000", 2021, "2.6"),
    ("extreme-poverty-rate", "41706000000000", 2021, "2.1"),
]

# Demo accounts: username -> (groups, staff, superuser, body, programmes)
USERS = {
    "admin": ([], True, True, "mec", []),
    "editor": (["editors"], False, False, "mec", ["REG-2024-2028", "REG-2025-2030"]),
    "secretary": (["secretariat"], False, False, "mec", []),
    "member": (["members"], False, False, "mof", []),
    "reporter": (["reporters"], False, False, "mtc", []),
    "partner": (["partners"], False, False, "swiss-ils", []),
}
# The people behind the demo accounts (invented; the same as in the working groups' lists).
USER_NAMES = {
    "editor": ("Гулнара", "Осмонова"),
    "secretary": ("Айпери", "Токтосунова"),
    "member": ("Нурлан", "Абдыкалыков"),
    "reporter": ("Эрлан", "Сатыбалдиев"),
}
DEMO_PASSWORD = "demo12345"  # noqa: S105 - published demo password, printed by the command

# A working group on the adopted 2025–2030 programme's action plan (issue 12): invented from end to
# end, so the group itself is sample, with its members, its one meeting and its proposal. No act
# created it and none is cited. It is formed on the 1st of the month three months before the demo
# is loaded (after the programme's adoption on 18.03.2025), meets on the 20th of the month before,
# and its member's proposal is sent after that meeting, on the day the demo is loaded.
PLAN_GROUP = {
    "slug": "sample-action-plan-2025-2030",
    "programme": "REG-2025-2030",
    "name": (
        "Региондорду өнүктүрүүнүн 2025–2030-жылдарга Мамлекеттик программасын ишке ашыруу "
        "боюнча иш-чаралар планы боюнча жумушчу топ",
        "Рабочая группа по плану мероприятий по реализации Государственной программы развития "
        "регионов на 2025–2030 годы",
        "Working group on the action plan for the implementation of the State Programme for the "
        "regions 2025–2030",
    ),
    "description": (
        "Ойдон чыгарылган жумушчу топ: ал, анын мүчөлөрү, жыйыны жана сунушу — үлгү маалымат. "
        "Аны эч кандай акт түзгөн эмес.",
        "Вымышленная рабочая группа: она, её члены, заседание и предложение — "
        "демонстрационные данные. Никакой акт её не создавал.",
        "A demo working group: it, its members, its meeting and its proposal are invented sample "
        "data. No act created it.",
    ),
    "formed_months_ago": 3,
    # (full name, body, role, position, portal user): invented people, sample.
    "members": [
        (
            "Садыков Бакыт",
            "mec",
            "chair",
            (
                "Экономика жана коммерция министринин орун басары",
                "Заместитель министра экономики и коммерции",
                "Deputy Minister of Economy and Commerce",
            ),
            None,
        ),
        (
            "Токтосунова Айпери",
            "mec",
            "secretary",
            (
                "Экономика жана коммерция министрлигинин башкы адиси",
                "Главный специалист Министерства экономики и коммерции",
                "Chief specialist, Ministry of Economy and Commerce",
            ),
            "secretary",
        ),
        (
            "Абдыкалыков Нурлан",
            "mof",
            "member",
            (
                "Финансы министрлигинин бөлүм башчысы",
                "Заведующий отделом Министерства финансов",
                "Head of division, Ministry of Finance",
            ),
            "member",
        ),
        (
            "Жээнбекова Динара",
            "mtc",
            "member",
            (
                "Транспорт жана коммуникациялар министрлигинин башкы адиси",
                "Главный специалист Министерства транспорта и коммуникаций",
                "Chief specialist, Ministry of Transport and Communications",
            ),
            None,
        ),
    ],
    "meeting": {
        "place": (
            "Бишкек ш., Экономика жана коммерция министрлигинин имараты",
            "г. Бишкек, здание Министерства экономики и коммерции",
            "Bishkek, building of the Ministry of Economy and Commerce",
        ),
        "agenda": [
            (
                "Иш-чаралар планынын аткарылышынын жүрүшүн талкуулоо",
                "Обсуждение хода выполнения плана мероприятий",
                "Progress of the action plan",
            ),
            (
                "Иш-чаралар планына өзгөртүүлөр боюнча сунуштарды чогултуу тартиби",
                "Порядок сбора предложений по изменению плана мероприятий",
                "How proposals to change the action plan are collected",
            ),
        ],
    },
    "proposal": {
        "title": "Добавить в мероприятие 1.1.1 ежегодный отчёт по регионам",
        "text": (
            "Предлагаем дополнить ожидаемый результат мероприятия ежегодным открытым отчётом о "
            "ходе его выполнения в разрезе областей."
        ),
        "justification": "Так регионы увидят свой вклад в выполнение плана.",
        "language": "ru",
        "measure": "1.1.1",
    },
}
