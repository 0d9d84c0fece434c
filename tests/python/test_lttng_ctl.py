#!/usr/bin/env python3
"""Tests of the lttng_ctl package (python/lttng_ctl) against a running lttng-ref-sessiond
(run by tests/examples.rs).

Environment: LTTNG_HOME (the daemon's), LTTNG_CTL_LIBRARY (lttng-ctl's liblttng-ctl.so.0),
LTTNG_CTL_LIBDIR (the directory holding it), RELAY_CTRL and RELAY_DATA (a real relayd's ports).
"""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
import lttng_ctl  # noqa: E402

LIB = os.environ["LTTNG_CTL_LIBRARY"]


class Locating(unittest.TestCase):
    def test_environment_variable(self):
        self.assertTrue(lttng_ctl.Library().version.startswith("2.13.9-lttng-ctl-rs-"))

    def test_explicit_path(self):
        lib = lttng_ctl.Library(LIB)
        self.assertEqual(lib.path, LIB)
        self.assertTrue(lib.is_lttng_ctl)

    def test_system_loader(self):
        # Without the variable: liblttng-ctl.so.0 through the loader, so LD_LIBRARY_PATH
        # chooses; without it, the system's library, which has no design API.
        code = ("import lttng_ctl; lib = lttng_ctl.Library(); print(lib.version)\n"
                "try:\n    lib.parse_uri('net://127.0.0.1')\n"
                "except lttng_ctl.NotLttngCtl as e:\n    print('not lttng-ctl:', e)\n")
        env = {k: v for k, v in os.environ.items() if k != "LTTNG_CTL_LIBRARY"}
        env["PYTHONPATH"] = os.path.dirname(os.path.dirname(lttng_ctl.__file__))
        ours = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              env=dict(env, LD_LIBRARY_PATH=os.environ["LTTNG_CTL_LIBDIR"]))
        self.assertTrue(ours.stdout.startswith("2.13.9-lttng-ctl-rs-"), ours)
        env.pop("LD_LIBRARY_PATH", None)
        system = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                env=env)
        self.assertEqual(system.returncode, 0, system.stderr)
        self.assertIn("None\nnot lttng-ctl: lttng_uri_parse:", system.stdout)


class Api(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.lib = lttng_ctl.Library()
        cls.ctrl = int(os.environ["RELAY_CTRL"])
        cls.data = int(os.environ["RELAY_DATA"])

    def test_uri_parse(self):
        control, data = self.lib.parse_uri("net://127.0.0.1:6000/sub")
        self.assertEqual((str(control), str(data)),
                         ("tcp4://127.0.0.1:6000/sub", "tcp4://127.0.0.1:5343/"))
        self.assertEqual((control.stype, data.stype),
                         (lttng_ctl.LTTNG_STREAM_CONTROL, lttng_ctl.LTTNG_STREAM_DATA))
        (path,) = self.lib.parse_uri("/tmp/trace")
        self.assertEqual((path.dtype, path.dst), (lttng_ctl.LTTNG_DST_PATH, "/tmp/trace"))
        hop, dest = self.lib.parse_uri("tcp://10.0.0.1,tcp6://[::1]:7000")
        self.assertTrue(hop.is_hop)
        self.assertEqual(str(dest), "tcp6://[::1]:7000/")

    def test_errors_carry_code_and_text(self):
        with self.assertRaises(lttng_ctl.LttngError) as cm:
            self.lib.parse_uri("foo://x")
        e = cm.exception
        self.assertEqual((e.code, e.call), (97, "lttng_uri_parse"))
        self.assertEqual(e.text, self.lib.strerror(97))
        self.assertIn("(LTTng error 97)", str(e))
        with self.assertRaises(lttng_ctl.LttngError) as cm:
            self.lib.destroy_session("nosuch")
        self.assertEqual(cm.exception.code, 23)
        self.assertEqual(cm.exception.text, "Session name not found")

    def test_consumer_rules(self):
        with self.lib.create_session("pyrules") as s:
            with self.assertRaises(lttng_ctl.LttngError) as cm:
                s.enable_consumer()
            self.assertEqual(cm.exception.code, 102)  # control URL missing
            hop = self.lib.parse_uri("tcp://10.0.0.1,tcp://127.0.0.1")[0]
            with self.assertRaises(lttng_ctl.LttngError) as cm:
                s.set_consumer_uri(hop)
            self.assertEqual(cm.exception.code, 15)  # not supported
            s.set_consumer_uri(lttng_ctl.Uri.network("127.0.0.1", lttng_ctl.LTTNG_STREAM_CONTROL,
                                                     self.ctrl))
            s.set_consumer_uri(lttng_ctl.Uri.network("localhost", lttng_ctl.LTTNG_STREAM_DATA,
                                                     self.data))
            s.enable_consumer()
            with self.assertRaises(lttng_ctl.LttngError) as cm:
                s.set_consumer(f"net://127.0.0.1:{self.ctrl}:{self.data}")
            self.assertEqual(cm.exception.code, 21)  # URIs locked while enabled
            s.disable_consumer()
            self.assertEqual(s.info().output, f"tcp4://127.0.0.1:{self.ctrl}/ [data: {self.data}]")
        names = [i.name for i in self.lib.list_sessions()]
        self.assertNotIn("pyrules", names)  # destroyed by the with block

    def test_url_strings_and_tracing(self):
        with self.lib.create_session("pyurl") as s:
            s.set_consumer_url(f"net://127.0.0.1:{self.ctrl}:{self.data}")
            s.enable_consumer()
            s.enable_event()
            with s.tracing():
                self.assertTrue(s.info().active)
            self.assertFalse(s.info().active)
        self.assertTrue(self.lib.session_daemon_alive())

    def test_switch_while_tracing(self):
        # The design's switch: network -> local -> network while tracing; a failed switch
        # keeps the consumer that writes.
        base = tempfile.mkdtemp(prefix="lttng-ctl-py-")
        self.addCleanup(shutil.rmtree, base, True)
        local = os.path.join(base, "trace")
        net = f"tcp4://127.0.0.1:{self.ctrl}/ [data: {self.data}]"
        with self.lib.create_session("pyswitch") as s:
            s.set_consumer(f"net://127.0.0.1:{self.ctrl}:{self.data}")
            s.enable_consumer()
            s.enable_event()
            with s.tracing():
                s.disable_consumer()
                s.set_consumer(local)
                s.enable_consumer()
                self.assertEqual(s.info().output, local)
                s.disable_consumer()
                s.set_consumer(f"net://127.0.0.1:{self.ctrl}:{self.data}")
                s.enable_consumer()
                s.disable_consumer()
                s.set_consumer("net://127.0.0.1:1:2")
                with self.assertRaises(lttng_ctl.LttngError) as cm:
                    s.enable_consumer()
                self.assertEqual(cm.exception.code, 104)  # relay daemon unreachable
                self.assertEqual(s.info().output, net)  # the previous consumer goes on
                self.assertTrue(s.info().active)
        self.assertTrue(os.path.exists(os.path.join(local, "ust")))


if __name__ == "__main__":
    unittest.main(verbosity=2)
