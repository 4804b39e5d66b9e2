"""Demo content for ``seed_demo``: legal acts and bodies as they are, programmes, an action plan of
sample measures, the working group and its first meeting, proposals, reports and users.

Facts (acts, dates, the meeting of 12.06.2024, statistics) follow /work/shared/DOMAIN.md and the
ministry's news item. Everything else (measures, amounts, indicator targets, people's names,
proposals, reports) is illustrative sample data: measures carry ``sample=True``.
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
            "Региондорду комплекстүү социалдык-экономикалык өнүктүрүүнүн 2025–2030-жылдарга "
            "Мамлекеттик программасы жөнүндө",
            "О Государственной программе комплексного социально-экономического развития "
            "регионов на 2025–2030 годы",
            "On the State Programme for Comprehensive Socio-Economic Development of the Regions "
            "for 2025–2030",
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
# Responsible bodies: key -> name, short name, kind, territory (SOATE) — matched by English name.
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
        "name": (
            "Кыргыз Республикасында жергиликтүү өз алдынча башкарууну өнүктүрүү үчүн өнөктөштүк",
            "Партнёрство для развития местного самоуправления в Кыргызской Республике",
            "Partnership for Local Self-Government Development in the Kyrgyz Republic",
        ),
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
        "title": (
            "Региондорду комплекстүү социалдык-экономикалык өнүктүрүүнүн 2025–2030-жылдарга "
            "Мамлекеттик программасы",
            "Государственная программа комплексного социально-экономического развития регионов "
            "на 2025–2030 годы",
            "State Programme for Comprehensive Socio-Economic Development of the Regions for "
            "2025–2030",
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
    "GP-2025-2030": {
        "title": (
            "2025–2030-жылдарга өсүү чекиттерин колдоо программасы",
            "Программа поддержки точек роста на 2025–2030 годы",
            "Programme to Support Growth Points for 2025–2030",
        ),
        "short_title": (
            "Өсүү чекиттери 2025–2030",
            "Точки роста 2025–2030",
            "Growth points 2025–2030",
        ),
        "summary": (
            "Мамлекеттик программанын уландысы катары даярдалып жаткан программанын долбоору.",
            "Проект программы, готовящейся в развитие Государственной программы.",
            "Draft of a follow-up programme to the State Programme.",
        ),
        "start": 2025,
        "end": 2030,
        "status": "draft",
        "reporting_period": "year",
        "report_due_day": 15,
        "report_due_months_after": 1,
        "acts": [("decree-350", "basis")],
    },
}

# Directions and objectives: programme code -> [(number, title, [(objective number, title)])]
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
    "GP-2025-2030": [
        (
            "1",
            (
                "Өсүү чекиттеринин инфраструктурасы",
                "Инфраструктура точек роста",
                "Infrastructure of growth points",
            ),
            [],
        ),
    ],
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
) -> dict:
    """One row of the action plan.

    funding: (source, first year, last year, thousand KGS per year, donor key or None)
    indicator: (name, unit key, baseline, baseline year, final target, per_year)
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
            co=["gosstroy", "dpi"],
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
            "gosstroy",
            co=["mayor-naryn", "mayor-batken"],
            units=[NARYN_CITY, BATKEN_CITY, KARAKOL, TALAS_CITY, JALAL_ABAD_CITY],
            funding=[
                ("republican", 2025, 2030, 12000, None),
                ("local", 2026, 2028, 3000, None),
            ],
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
            "gosstroy",
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
            "gosstroy",
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
            "gosstroy",
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
            co=["mtc", "gosstroy"],
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
            "gosstroy",
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
            "gosstroy",
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
            "gosstroy",
            co=["swiss-ils", "ulsg"],
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
            "moa",
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
            "moa",
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
# Progress reports (REG-2025-2030): measure number, body, year, half, status, percent, spent,
# indicator actual, text, delay reason, review comment
REPORTS = [
    {
        "measure": "3.1.1",
        "body": "mtc",
        "year": 2025,
        "half": 1,
        "status": "accepted",
        "percent": 20,
        "spent": "12000.0",
        "actual": "18",
        "text": "Баткен районундагы 18 км жолдун реконструкциясы аяктады; Лейлек районундагы "
        "участоктун долбоордук-сметалык документтери даярдалды.",
    },
    {
        "measure": "3.1.1",
        "body": "mtc",
        "year": 2025,
        "half": 2,
        "status": "accepted",
        "percent": 35,
        "spent": "26500.0",
        "actual": "34",
        "text": "Реконструирован участок дороги 16 км в Лейлекском районе; всего с начала "
        "программы — 34 км.",
    },
    {
        "measure": "3.1.1",
        "body": "mtc",
        "year": 2026,
        "half": 1,
        "status": "draft",
        "percent": 45,
        "spent": "9000.0",
        "actual": "46",
        "text": "Кадамжай районунда иштер уланууда.",
    },
    {
        "measure": "3.1.2",
        "body": "mtc",
        "year": 2026,
        "half": 1,
        "status": "submitted",
        "percent": 60,
        "spent": "9800.0",
        "actual": "51",
        "text": "Ат-Башы жана Ак-Талаа райондорундагы кирүүчү жолдор оңдолду (51 км).",
    },
    {
        "measure": "2.2.1",
        "body": "mtc",
        "year": 2026,
        "half": 1,
        "status": "returned",
        "percent": 30,
        "spent": "4200.0",
        "actual": "40",
        "text": "Приобретено 40 автобусов для г. Ош.",
        "comment": "Бишкек шаары боюнча маалымат жок; көрсөткүчтүн маанисин тактаңыз.",
    },
    {
        "measure": "3.2.1",
        "body": "gosstroy",
        "year": 2025,
        "half": 2,
        "status": "accepted",
        "percent": 25,
        "spent": "31000.0",
        "actual": "71",
        "text": "Ат-Башы, Кочкор жана Тоң райондорундагы 9 айылда суу түтүгү курулду.",
    },
    {
        "measure": "2.1.3",
        "body": "mec",
        "year": 2026,
        "half": 1,
        "status": "submitted",
        "percent": 50,
        "spent": None,
        "actual": "6",
        "text": "Подготовлено 6 инвестиционных паспортов из 12.",
        "delay": "Облустардан маалыматтар кечигип келди.",
    },
]

# ---------------------------------------------------------------------------------------------
# Working group of the draft programme
GROUP = {
    "slug": "mwg-regional-development-2024",
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
}

# Members: full name (fictional), body, role, position, portal user
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

MEETING_1 = {
    "number": 1,
    "starts": (2024, 6, 12, 10, 0),
    "ends": (2024, 6, 12, 12, 30),
    "place": (
        "Бишкек ш., Экономика жана коммерция министрлигинин имараты",
        "г. Бишкек, здание Министерства экономики и коммерции",
        "Bishkek, building of the Ministry of Economy and Commerce",
    ),
    "minutes_summary": (
        "Жумушчу топ Мамлекеттик программанын долбоорун талкуулап, иш-чаралар планынын "
        "долбооруна сунуштарды иштеп чыкты. Долбоорду сунуштарды эске алуу менен жакшыртуу "
        "жана министрликтерден каржылоо булактары көрсөтүлгөн сунуштарды чогултуу чечилди.",
        "Рабочая группа обсудила проект Государственной программы и выработала предложения в "
        "проект плана мероприятий. Решено доработать проект с учётом предложений и собрать у "
        "министерств предложения с указанием источников финансирования.",
        "The working group discussed the draft State Programme and worked out proposals for the "
        "draft action plan. It decided to revise the draft with the proposals and to collect "
        "ministries' proposals with funding sources.",
    ),
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
            "финансируемого Правительством Швейцарии, и Партнёрства для развития местного "
            "самоуправления в Кыргызской Республике.",
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
            "Services” project funded by the Government of Switzerland and the Partnership for "
            "Local Self-Government Development in the Kyrgyz Republic.",
        ]
    ),
    "news_published": (2024, 6, 13, 10, 0),
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
            "mec",
            (
                "Долбоордун структурасы жана багыттары колдоого алынды.",
                "Структура и направления проекта поддержаны.",
                "The structure and directions of the draft were supported.",
            ),
        ),
        (
            2,
            (
                "Мамлекеттик программаны ишке ашыруу боюнча иш-чаралар планынын долбооруна "
                "сунуштар",
                "Предложения в проект плана мероприятий по реализации Государственной программы",
                "Proposals for the draft action plan implementing the State Programme",
            ),
            "mec",
            (
                "Катышуучулар иш-чаралар планына сунуштарды беришти.",
                "Участники внесли предложения в план мероприятий.",
                "Participants put forward proposals for the action plan.",
            ),
        ),
    ],
    "absent": ["Мамытова Жылдыз"],
    "guests": [("partnership", "Партнёрство үчүн өкүл", "Guest")],
    "decisions": [
        {
            "number": "1",
            "agenda": 1,
            "text": (
                "Программанын долбоорун катышуучулардын сунуштарын эске алуу менен жакшыртып, "
                "министрликтерге макулдашууга жөнөтүү.",
                "Доработать проект программы с учётом предложений участников и направить на "
                "согласование в министерства.",
                "Revise the draft programme with the participants' proposals and send it to the "
                "ministries for approval.",
            ),
            "body": "mec",
            "deadline": dt.date(2024, 7, 15),
            "status": "done",
        },
        {
            "number": "2",
            "agenda": 2,
            "text": (
                "Министрликтер иш-чаралар планынын долбооруна сунуштарын каржылоо булактарын "
                "көрсөтүү менен беришсин.",
                "Министерствам представить предложения в проект плана мероприятий с указанием "
                "источников финансирования.",
                "Ministries to submit proposals for the draft action plan with their funding "
                "sources.",
            ),
            "body": "mof",
            "deadline": dt.date(2024, 7, 1),
            "status": "open",
        },
        {
            "number": "3",
            "agenda": 2,
            "text": (
                "Өсүү чекиттерин аныктоонун критерийлерин даярдоо.",
                "Подготовить критерии определения точек роста.",
                "Prepare the criteria for designating growth points.",
            ),
            "body": "gosstroy",
            "deadline": dt.date(2027, 3, 31),
            "status": "open",
        },
    ],
}

MEETING_2 = {
    "number": 2,
    "place": (
        "Бишкек ш., Экономика жана коммерция министрлигинин имараты жана онлайн",
        "г. Бишкек, здание Министерства экономики и коммерции, и онлайн",
        "Bishkek, building of the Ministry of Economy and Commerce, and online",
    ),
    "agenda": [
        (
            1,
            (
                "Иш-чаралар планынын долбоорун жана каржылоо булактарын макулдашуу",
                "Согласование проекта плана мероприятий и источников финансирования",
                "Agreeing the draft action plan and its funding sources",
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

# Proposals to the working group (user content: one language, as written by the author).
PROPOSALS = [
    {
        "title": "Өсүү чекиттери үчүн өзүнчө бюджеттик программа",
        "text": "Өсүү чекиттерин каржылоо үчүн республикалык бюджетте өзүнчө бюджеттик "
        "программа караштырууну сунуштайбыз.",
        "justification": "Каржылоо булактары ачык көрүнөт жана отчеттуулук жеңилдейт.",
        "author": "member",
        "body": "mof",
        "target": "direction",
        "direction": "2",
        "status": "submitted",
    },
    {
        "title": "Учесть мнение ОМСУ при определении точек роста",
        "text": "Предлагаем включить в критерии определения точек роста обязательное "
        "согласование с органами местного самоуправления.",
        "author": "member",
        "body": "ulsg",
        "target": "objective",
        "objective": "2.1",
        "status": "under_review",
    },
    {
        "title": "Бийик тоолуу айылдар үчүн мобилдик медициналык кызмат",
        "text": "Алыскы айылдарда көчмө медициналык бригадалардын иштешин иш-чаралар планына "
        "киргизүү.",
        "author": "member",
        "body": "moh",
        "target": "objective",
        "objective": "3.1",
        "status": "on_agenda",
        "agenda_item": (2, 2),
    },
    {
        "title": "Обеспечение питьевой водой высокогорных айылных аймаков",
        "text": "Предлагаем отдельное мероприятие по водоснабжению айылных аймаков высокогорных "
        "районов с участием донорских проектов.",
        "author": "secretary",
        "body": "swiss-ils",
        "target": "new_measure",
        "status": "accepted",
        "answer": "Принято: включено в план мероприятий программы 2025–2030 как мероприятие 3.2.1.",
        "resulting_measure": ("REG-2025-2030", "3.2.1"),
        "agenda_item": (1, 2),
    },
    {
        "title": "Мыйзамдык базаны өзүнчө мыйзам менен эмес, токтом менен жөнгө салуу",
        "text": "1.1.1-иш-чарада жаңы мыйзамдын ордуна Министрлер Кабинетинин токтомун "
        "кабыл алууну сунуштайбыз.",
        "author": "member",
        "body": "mof",
        "target": "measure",
        "measure": "1.1.1",
        "status": "rejected",
        "answer": "Четке кагылды: региондук саясаттын негиздери мыйзам деңгээлинде бекитилиши "
        "керек (Жарлык № 350).",
        "agenda_item": (1, 2),
    },
    {
        "title": "Общий мониторинг без отдельного рейтинга регионов",
        "text": "Предлагаем отказаться от рейтинга регионов в пользу общего мониторинга.",
        "author": "member",
        "body": "mof",
        "target": "programme",
        "status": "withdrawn",
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
DEMO_PASSWORD = "demo12345"  # noqa: S105 - published demo password, printed by the command
