/* check_systemd.c — the app's systemd unit keeps its sandbox, rated 2.0 or better by systemd. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "util.h"

/* Room for one line of a unit file. */
#define UNIT_LINE_MAX 512

#define UNIT "conf/systemd/tongxiang-app.service"
#define OVERALL "Overall exposure level for tongxiang-app.service: "

/* Each a whole line of the unit: what the app's sandbox is made of. */
static const char *const DIRECTIVES[] = {
	"NoNewPrivileges=yes", "CapabilityBoundingSet=", "ProtectSystem=strict", "ProtectHome=yes",
	"PrivateTmp=yes", "ReadWritePaths=-/srv/tongxiang/uploads",
	"ReadWritePaths=-/srv/tongxiang/photos", "PrivateDevices=yes",
	"ProtectKernelTunables=yes", "ProtectKernelModules=yes", "ProtectKernelLogs=yes",
	"ProtectControlGroups=yes", "ProtectClock=yes", "ProtectHostname=yes",
	"RestrictNamespaces=yes", "RestrictRealtime=yes", "RestrictSUIDSGID=yes",
	"LockPersonality=yes",
	"SystemCallArchitectures=native", "SystemCallErrorNumber=EPERM", "UMask=0027",
	"MemoryDenyWriteExecute=yes", "ProtectProc=invisible", "ProcSubset=pid",
	"SystemCallFilter=@system-service", "RestrictAddressFamilies=AF_UNIX", "PrivateNetwork=yes",
	"IPAddressDeny=any", "MemoryMax=200M", "TasksMax=64", "KillMode=mixed",
};

START_TEST(unit_keeps_its_sandbox)
{
	const char *d = DIRECTIVES[_i];
	char line[UNIT_LINE_MAX];
	FILE *f = fopen(UNIT, "r");
	int found = 0;

	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		found |= strcmp(line, d) == 0;
	}
	fclose(f);
	ck_assert_msg(found, "%s lacks the line %s", UNIT, d);
}
END_TEST

/* Where systemd-analyze is installed (Debian with systemd): the figure it gives, at most 2.0. */
START_TEST(exposure_is_ok)
{
	char line[UNIT_LINE_MAX];
	double level = -1;
	FILE *p;

	if (access("/usr/bin/systemd-analyze", X_OK) != 0)
		return;
	p = popen("systemd-analyze security --offline=yes " UNIT " 2>&1", "r");
	ck_assert_ptr_nonnull(p);
	while (fgets(line, sizeof line, p)) {
		const char *at = strstr(line, OVERALL);
		if (at)
			level = strtod(at + strlen(OVERALL), NULL);
	}
	ck_assert_int_eq(pclose(p), 0);
	ck_assert_msg(level >= 0 && level <= 2.0, "exposure level %.1f", level);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("systemd");
	TCase *t = tcase_create("systemd");

	tcase_add_loop_test(t, unit_keeps_its_sandbox, 0, nitems(DIRECTIVES));
	tcase_add_test(t, exposure_is_ok);
	suite_add_tcase(s, t);
	return s;
}
