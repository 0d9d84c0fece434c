/* Tracepoint provider of py_capture_app.c: one event with a field of every kind a trigger
 * can capture (tests/python_package.rs, python/tests/test_notifications.py). */
#undef TRACEPOINT_PROVIDER
#define TRACEPOINT_PROVIDER pycap

#undef TRACEPOINT_INCLUDE
#define TRACEPOINT_INCLUDE "py_capture_tp.h"

#if !defined(PY_CAPTURE_TP_H) || defined(TRACEPOINT_HEADER_MULTI_READ)
#define PY_CAPTURE_TP_H

#include <lttng/tracepoint.h>
#include <stdint.h>

TRACEPOINT_ENUM(pycap, color,
	TP_ENUM_VALUES(
		ctf_enum_value("RED", 0)
		ctf_enum_value("GREEN", 1)
	)
)

TRACEPOINT_EVENT(pycap, sample,
	TP_ARGS(int, n, const char *, text, const int *, values),
	TP_FIELDS(
		ctf_integer(int, n, n)
		ctf_integer(int64_t, neg, -(int64_t) n * 1000000000000LL)
		ctf_integer(uint64_t, big, UINT64_MAX - (uint64_t) n)
		ctf_float(double, x, n + 0.25)
		ctf_string(text, text)
		ctf_array(int, values, values, 3)
		ctf_enum(pycap, color, int, color, n % 2)
	)
)

TRACEPOINT_LOGLEVEL(pycap, sample, TRACE_INFO)

#endif

#include <lttng/tracepoint-event.h>
