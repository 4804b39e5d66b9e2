"""Reference data every install needs: the policy types of territory and the definitions of the
socio-economic indicators (values are data, entered or imported later). Matched by code, so
re-running is harmless."""

from django.db import migrations

NSC = (
    "Кыргыз Республикасынын Улуттук статистика комитети",
    "Национальный статистический комитет Кыргызской Республики",
    "National Statistical Committee of the Kyrgyz Republic",
)
MOF = (
    "Кыргыз Республикасынын Финансы министрлиги",
    "Министерство финансов Кыргызской Республики",
    "Ministry of Finance of the Kyrgyz Republic",
)

# code, category, (name ky, ru, en), (description ky, ru, en)
TERRITORY_TYPES = [
    (
        "urbanized",
        "urbanized",
        ("Урбанизацияланган аймак", "Урбанизированная территория", "Urbanized territory"),
        (
            "Калкы жана экономикалык активдүүлүгү топтолгон шаарлар жана алардын айланасы.",
            "Города и прилегающие к ним территории с концентрацией населения и экономической активности.",
            "Cities and their surroundings where population and economic activity concentrate.",
        ),
    ),
    (
        "growth-point",
        "urbanized",
        ("Өсүү чекити", "Точка роста", "Growth point"),
        (
            "Аймактын өнүгүүсүн тартып кете турган, мамлекет колдогон шаар же калктуу конуш.",
            "Город или населённый пункт, поддерживаемый государством как двигатель развития региона.",
            "A city or settlement the state supports as a driver of the region's development.",
        ),
    ),
    (
        "high-mountain",
        "special_attention",
        ("Бийик тоолуу аймак", "Высокогорная территория", "High-mountain territory"),
        (
            "Бийик тоолуу шарттарда жайгашкан, жашоо жана чарба жүргүзүү кымбатыраак аймактар.",
            "Территории в высокогорных условиях, где жизнь и хозяйственная деятельность обходятся дороже.",
            "Territories at high altitude, where living and doing business cost more.",
        ),
    ),
    (
        "remote",
        "special_attention",
        ("Алыскы аймак", "Отдалённая территория", "Remote territory"),
        (
            "Борборлордон алыс жайгашкан, кызматтарга жетүү кыйын аймактар.",
            "Территории, удалённые от центров, с затруднённым доступом к услугам.",
            "Territories far from centres, where services are hard to reach.",
        ),
    ),
    (
        "border",
        "special_attention",
        ("Чек ара аймагы", "Приграничная территория", "Border territory"),
        (
            "Мамлекеттик чек арага жанаша жайгашкан аймактар.",
            "Территории, прилегающие к государственной границе.",
            "Territories along the state border.",
        ),
    ),
]

# code, (name ky, ru, en), (unit of measure ky, ru, en), source, decimals
INDICATORS = [
    (
        "population",
        ("Калктын саны", "Численность населения", "Population"),
        ("миң адам", "тыс. человек", "thousand people"),
        NSC,
        1,
    ),
    (
        "grp-per-capita",
        (
            "Калктын жан башына дүң аймактык продукт",
            "Валовой региональный продукт на душу населения",
            "Gross regional product per capita",
        ),
        ("миң сом", "тыс. сом", "thousand som"),
        NSC,
        1,
    ),
    (
        "poverty-rate",
        ("Жакырчылыктын деңгээли", "Уровень бедности", "Poverty rate"),
        ("%", "%", "%"),
        NSC,
        1,
    ),
    (
        "extreme-poverty-rate",
        ("Өтө жакырчылыктын деңгээли", "Уровень крайней бедности", "Extreme poverty rate"),
        ("%", "%", "%"),
        NSC,
        1,
    ),
    (
        "unemployment-rate",
        ("Жумушсуздуктун деңгээли", "Уровень безработицы", "Unemployment rate"),
        ("%", "%", "%"),
        NSC,
        1,
    ),
    (
        "average-monthly-wage",
        (
            "Орточо айлык эмгек акы",
            "Среднемесячная заработная плата",
            "Average monthly wage",
        ),
        ("сом", "сом", "som"),
        NSC,
        0,
    ),
    (
        "lsg-budget-self-sufficiency",
        (
            "ЖӨБ бюджетинин өзүн-өзү камсыз кылуу деңгээли",
            "Уровень самообеспеченности бюджетов ОМСУ",
            "LSG budget self-sufficiency",
        ),
        ("%", "%", "%"),
        MOF,
        1,
    ),
    (
        "drinking-water-access",
        (
            "Таза ичүүчү сууга жеткиликтүү калктын үлүшү",
            "Доля населения с доступом к питьевой воде",
            "Share of population with access to drinking water",
        ),
        ("%", "%", "%"),
        NSC,
        1,
    ),
]


def trilingual(field, values):
    ky, ru, en = values
    return {field: ky, f"{field}_ky": ky, f"{field}_ru": ru, f"{field}_en": en}


def load(apps, schema_editor):
    TerritoryType = apps.get_model("regions", "TerritoryType")
    Indicator = apps.get_model("regions", "SocioEconomicIndicator")
    for code, category, names, descriptions in TERRITORY_TYPES:
        TerritoryType.objects.update_or_create(
            code=code,
            defaults={
                "category": category,
                **trilingual("name", names),
                **trilingual("description", descriptions),
            },
        )
    for code, names, units, source, decimals in INDICATORS:
        Indicator.objects.update_or_create(
            code=code,
            defaults={
                "decimals": decimals,
                **trilingual("name", names),
                **trilingual("unit_of_measure", units),
                **trilingual("source", source),
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("regions", "0002_admin_units"),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
