/*
 * cmd-doctor.c - tend doctor: check the journal, its folder and the
 * user's content file, and name the fix for each problem.  It runs
 * without the dispatcher opening the journal, so that an unsafe or
 * damaged one is reported rather than refused.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int	cmd_doctor(struct cli *, int, char **);

const struct tend_cmd cmd_doctor_entry = {
	.name = "doctor",
	.usage = "[--json]",
	.summary = "check the journal and your content file, naming each fix",
	.help =
	    "Check that the journal is safe and sound, changing nothing: the\n"
	    "modes of its folder, the file and its -wal and -shm files, that\n"
	    "it is a tend journal of a schema this tend knows, SQLite's\n"
	    "integrity_check and foreign_key_check, and your content.json.\n"
	    "Each check prints ok or the problem with the command that fixes\n"
	    "it.  The exit status is 0 only when all is well, else 1.  Unlike\n"
	    "other commands it also looks at a journal that is unsafe or\n"
	    "damaged, to say what is wrong.\n"
	    "\n"
	    "Options:\n"
	    "  --json   print one JSON object instead\n"
	    "\n"
	    "Examples:\n"
	    "  tend doctor\n"
	    "  tend doctor --json | jq '.checks[] | select(.ok | not)'\n",
	.flags = 0,
	.fn = cmd_doctor,
};

/*
 * A finding's fix begins with its mend in the library's neutral words:
 * put them in tend(1)'s, naming the command, for the text and --json alike.
 */
static int
reword(struct tend_finding *f)
{
	const char *words, *plain = tend_fixstr(f->remedy);
	char *s, buf[128];
	size_t n = strlen(plain);

	if (f->fix == NULL || strncmp(f->fix, plain, n) != 0 ||
	    (words = cli_fix_words(f->remedy, NULL, buf, sizeof(buf))) == NULL)
		return TEND_OK;
	if (asprintf(&s, "%s%s", words, f->fix + n) == -1)
		return TEND_ENOMEM;
	free(f->fix);
	f->fix = s;
	return TEND_OK;
}

static int
cmd_doctor(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	struct tend_finding *f = NULL;
	char *json = NULL;
	size_t n = 0, i, bad = 0;
	int ch, as_json = 0, rc;

	while ((ch = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		if (ch != 'j')
			return cli_option_error(c->cmd, ch, argv);
		as_json = 1;
	}
	if (optind < argc)
		return cli_error(EXIT_USAGE, "doctor takes no arguments; usage: "
		    "tend doctor [--json]");
	if ((rc = tend_doctor(c->t, c->paths.journal, &f, &n)) != TEND_OK)
		return cli_fail(c, rc);
	for (i = 0; i < n; i++) {
		bad += !f[i].ok;
		if ((rc = reword(&f[i])) != TEND_OK) {
			tend_findings_free(f, n);
			return cli_error(1, "out of memory");
		}
	}
	if (as_json) {
		rc = tend_findings_json(c->t, c->paths.journal, f, n, &json);
		tend_findings_free(f, n);
		if ((rc = cli_put_json(c, rc, json)) != 0)
			return rc;
		return bad ? 1 : 0;
	}
	for (i = 0; i < n; i++) {
		printf("%s%-7s%s %s: ", cli_sgr(c, f[i].ok ? "32" : "33"),
		    f[i].ok ? "ok" : "problem", cli_sgr(c, "0"), f[i].check);
		cli_put_inline(stdout, f[i].message);
		putchar('\n');
		if (f[i].fix != NULL) {
			printf("        fix: ");
			cli_put_inline(stdout, f[i].fix);
			putchar('\n');
		}
	}
	if (bad)
		printf("%zu problem%s found\n", bad, bad == 1 ? "" : "s");
	else
		printf("all is well\n");
	tend_findings_free(f, n);
	return bad ? 1 : 0;
}
