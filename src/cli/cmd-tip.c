/*
 * cmd-tip.c - tend tip: one piece of advice from the articles, the same
 * all day, with the article it comes from.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

static int	cmd_tip(struct cli *, int, char **);

const struct tend_cmd cmd_tip_entry = {
	.name = "tip",
	.usage = "[--topic TOPIC | --topics] [--random] [--json]",
	.summary = "a tip drawn from five articles on ruts and intimacy",
	.help =
	    "Print one tip, with the article it comes from.  It is the same tip\n"
	    "all day and another tomorrow, and no tip comes back before every\n"
	    "tip has had its day.  Tips above the journal's intimacy setting\n"
	    "are never shown (see 'tend config').\n"
	    "\n"
	    "Options:\n"
	    "  --topic TOPIC   only tips on TOPIC\n"
	    "  --topics        list the topics instead\n"
	    "  --random        any tip, not today's\n"
	    "  --json          print JSON instead\n"
	    "\n"
	    "Examples:\n"
	    "  tend tip\n"
	    "  tend tip --topic conflict\n"
	    "  tend tip --topics\n",
	.flags = CMD_JOURNAL,
	.fn = cmd_tip,
};

static int
print_topics(struct cli *c, int json)
{
	const struct tend_catalog *cat;
	char *s = NULL;
	size_t i;
	int status;

	if (json) {
		status = tend_topics_json(c->t, &s);
		return cli_put_json(c, status, s);
	}
	if ((status = cli_catalog(c, &cat)) != 0)
		return status;
	for (i = 0; i < cat->ntopics; i++) {
		printf("%-20s ", cat->topics[i].id);
		cli_put_inline(stdout, cat->topics[i].title);
		putchar('\n');
	}
	return 0;
}

static void
print_tip(struct cli *c, const struct tend_tip *tip)
{
	fputs(cli_sgr(c, "1"), stdout);
	cli_put_text(c, stdout, tip->title, 0);
	fputs(cli_sgr(c, "0"), stdout);
	cli_put_text(c, stdout, tip->body, 0);
	putchar('\n');
	cli_put_source(c, tip->source);
}

static int
cmd_tip(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "random", no_argument, NULL, 'r' },
		{ "topic", required_argument, NULL, 't' },
		{ "topics", no_argument, NULL, 'T' },
		{ NULL, 0, NULL, 0 }
	};
	const struct tend_tip *tip;
	const char *topic = NULL;
	char *s = NULL;
	int ch, json = 0, random = 0, topics = 0, rc;

	while ((ch = getopt_long(argc, argv, ":t:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'j':
			json = 1;
			break;
		case 'r':
			random = 1;
			break;
		case 't':
			topic = optarg;
			break;
		case 'T':
			topics = 1;
			break;
		default:
			return cli_option_error(c->cmd, ch, argv);
		}
	}
	if (optind < argc)
		return cli_unexpected(c, argv[optind]);
	if (topics && (topic != NULL || random))
		return cli_error(EXIT_USAGE, "--topics lists the topics; it "
		    "takes no --topic or --random");
	if (topics)
		return print_topics(c, json);
	rc = random ? tend_tip_random(c->t, topic, cli_random(), &tip) :
	    tend_tip_today(c->t, topic, &tip);
	if (rc != TEND_OK)
		return cli_fail(c, rc);
	if (!json) {
		print_tip(c, tip);
		return 0;
	}
	rc = tend_tip_json(c->t, tip, &s);
	return cli_put_json(c, rc, s);
}
