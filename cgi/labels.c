/* labels.c — code lists shared by URLs, CSV and the database, with their Simplified Chinese labels. */
#include <string.h>

#include "labels.h"

const struct label CATEGORIES[] = {
	{ "deceased",   "父母一方死亡" },
	{ "missing",    "父母一方失踪" },
	{ "abandoned",  "父母一方弃养" },
	{ "disabled",   "父母一方重度残疾" },
	{ "ill",        "父母一方重病" },
	{ "imprisoned", "父母一方服刑在押" },
	{ "rehab",      "父母一方强制戒毒" },
	{ "other",      "其他困境" },
	{ NULL, NULL }
};

const struct label GENDERS[] = {
	{ "m", "男" },
	{ "f", "女" },
	{ NULL, NULL }
};

const struct label CHILD_STATUSES[] = {
	{ "waiting", "等待结对" },
	{ "held",    "有爱心人士正在结对" },
	{ "pending", "结对审核中" },
	{ "paired",  "已结对" },
	{ "exited",  "已退出项目" },
	{ NULL, NULL }
};

const char *label_of(const struct label *list, const char *code)
{
	if (!code)
		return NULL;
	for (; list->code; list++)
		if (strcmp(list->code, code) == 0)
			return list->text;
	return NULL;
}
