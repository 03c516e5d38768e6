DATETIME_FORMAT = r"j. E Y \k\l\o G.i"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = r"d.m.Y \k\l\o G.i"
