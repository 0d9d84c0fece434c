/*
 * The tracepoint of tests/c/capture_app.c: one field of every kind a trigger can capture
 * from a user-space event (tests/captures.rs).
 */
#undef TRACEPOINT_PROVIDER
#define TRACEPOINT_PROVIDER captest

#undef TRACEPOINT_INCLUDE
#define TRACEPOINT_INCLUDE "./capture_tp.h"

#if !defined(CAPTURE_TP_H) || defined(TRACEPOINT_HEADER_MULTI_READ)
#define CAPTURE_TP_H

#include <lttng/tracepoint.h>
#include <stdint.h>

TRACEPOINT_ENUM(captest, color,
	TP_ENUM_VALUES(
		ctf_enum_value("RED", 0)
		ctf_enum_value("GREEN", 1)
		ctf_enum_range("MANY", 2, 9)
	)
)

TRACEPOINT_ENUM(captest, delta,
	TP_ENUM_VALUES(
		ctf_enum_value("DOWN", -5)
		ctf_enum_value("UP", 5)
	)
)

TRACEPOINT_EVENT(captest, ev,
	TP_ARGS(int, i, const char *, text, const int32_t *, arr, unsigned int, len),
	TP_FIELDS(
		ctf_integer(int64_t, sint, -1000000000000LL * (i + 1))
		ctf_integer(uint8_t, u8, 250 + i)
		ctf_integer(uint64_t, u64, 18446744073709551615ULL - i)
		ctf_integer(int16_t, small_negative, -3 - i)
		ctf_integer(int32_t, small_positive, 7 + i)
		ctf_integer_hex(uint32_t, hex, 0xdeadbeef)
		ctf_string(str, text)
		ctf_array(int32_t, arr, arr, 3)
		ctf_sequence(int32_t, seq, arr, unsigned int, len)
		ctf_array_text(char, chars, text, 4)
		ctf_enum(captest, color, int, col, i)
		ctf_enum(captest, delta, int8_t, sign, i ? 5 : -5)
		ctf_float(double, dbl, 1.5 + i)
		ctf_float(float, flt, -0.25f)
	)
)

#endif /* CAPTURE_TP_H */

#include <lttng/tracepoint-event.h>
