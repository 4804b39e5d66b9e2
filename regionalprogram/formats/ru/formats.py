# Official Russian texts write dates and numbers as Kyrgyz ones do: "25,3 %", "35 268 сом",
# dd.mm.yyyy, weeks from Monday. One module holds them; this one only says so.
from regionalprogram.formats.ky.formats import *  # noqa: F403
