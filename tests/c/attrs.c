/*
 * Save and load attributes without a daemon: every setter with good and bad values, then
 * every getter. Run on both libraries; the outputs are compared line by line.
 */
#include <lttng/lttng.h>
#include "check_lib.h"

#define S(x) ((x) ? (x) : "(NULL)")

static void show_save(const char *step, struct lttng_save_session_attr *a)
{
	printf("save %s: name=%s url=%s overwrite=%d omit_name=%d omit_output=%d\n", step,
	       S(lttng_save_session_attr_get_session_name(a)),
	       S(lttng_save_session_attr_get_output_url(a)),
	       lttng_save_session_attr_get_overwrite(a),
	       lttng_save_session_attr_get_omit_name(a),
	       lttng_save_session_attr_get_omit_output(a));
}

static void show_load(const char *step, struct lttng_load_session_attr *a)
{
	printf("load %s: name=%s input=%s overwrite=%d url=%s ctrl=%s data=%s new_name=%s\n", step,
	       S(lttng_load_session_attr_get_session_name(a)),
	       S(lttng_load_session_attr_get_input_url(a)),
	       lttng_load_session_attr_get_overwrite(a),
	       S(lttng_load_session_attr_get_override_url(a)),
	       S(lttng_load_session_attr_get_override_ctrl_url(a)),
	       S(lttng_load_session_attr_get_override_data_url(a)),
	       S(lttng_load_session_attr_get_override_session_name(a)));
}

#define R(call) printf("  %s = %d\n", #call, (int) (call))

int main(void)
{
	struct lttng_save_session_attr *s = lttng_save_session_attr_create();
	struct lttng_load_session_attr *l = lttng_load_session_attr_create();

	check_lib();
	show_save("null", NULL);
	show_save("new", s);
	R(lttng_save_session_attr_set_session_name(s, "my-session"));
	R(lttng_save_session_attr_set_output_url(s, "file:///tmp/saved"));
	R(lttng_save_session_attr_set_output_url(s, "net://127.0.0.1"));
	R(lttng_save_session_attr_set_overwrite(s, 7));
	R(lttng_save_session_attr_set_omit_name(s, 2));
	R(lttng_save_session_attr_set_omit_output(s, 1));
	R(lttng_save_session_attr_set_omit_name(NULL, 1));
	R(lttng_save_session_attr_set_omit_output(NULL, 1));
	show_save("set", s);
	R(lttng_save_session_attr_set_output_url(s, "/tmp/plain"));
	R(lttng_save_session_attr_set_omit_output(s, 0));
	show_save("reset", s);

	show_load("null", NULL);
	show_load("new", l);
	R(lttng_load_session_attr_set_session_name(l, "my-session"));
	R(lttng_load_session_attr_set_input_url(l, "/tmp/in"));
	R(lttng_load_session_attr_set_overwrite(l, 3));
	show_load("basic", l);
	R(lttng_load_session_attr_set_override_ctrl_url(l, "tcp://127.0.0.1"));
	show_load("ctrl", l);
	R(lttng_load_session_attr_set_override_data_url(l, "tcp://127.0.0.1:6000/sub"));
	show_load("ctrl+data", l);
	R(lttng_load_session_attr_set_override_data_url(l, "bogus://x"));
	R(lttng_load_session_attr_set_override_ctrl_url(l, NULL));
	R(lttng_load_session_attr_set_override_ctrl_url(NULL, "tcp://127.0.0.1"));
	show_load("refused", l);
	R(lttng_load_session_attr_set_override_url(l, "net://127.0.0.1:7000:7001"));
	show_load("url net", l);
	R(lttng_load_session_attr_set_override_url(l, "file:///tmp/over"));
	show_load("url path", l);
	R(lttng_load_session_attr_set_override_ctrl_url(l, "tcp://127.0.0.1"));
	R(lttng_load_session_attr_set_override_data_url(l, "tcp://127.0.0.1"));
	R(lttng_load_session_attr_set_override_session_name(l, "renamed"));
	show_load("after path", l);

	lttng_save_session_attr_destroy(s);
	lttng_load_session_attr_destroy(l);
	return 0;
}
