"""Process attribute trackers."""

from __future__ import annotations

import os

import pytest

import lttng_ctl
from lttng_ctl import Domain, ErrorCode, ProcessAttr, Session, TrackingPolicy

from conftest import unique


def test_policies_and_values(session: Session) -> None:
    with session.tracker(ProcessAttr.VPID) as vpid:
        assert vpid.policy == TrackingPolicy.INCLUDE_ALL
        vpid.policy = TrackingPolicy.INCLUDE_SET
        assert vpid.values == []
        vpid.track(1234)
        vpid.track(os.getpid())
        assert sorted(vpid.values) == sorted([1234, os.getpid()])
        assert 1234 in vpid
        vpid.untrack(1234)
        assert vpid.values == [os.getpid()]
        vpid.policy = TrackingPolicy.EXCLUDE_ALL
        assert vpid.policy == TrackingPolicy.EXCLUDE_ALL
    assert "VIRTUAL_PROCESS_ID" in repr(vpid)


def test_user_and_group_names(session: Session) -> None:
    vuid = session.tracker(ProcessAttr.VUID)
    vuid.policy = TrackingPolicy.INCLUDE_SET
    vuid.track("root")
    vuid.track(os.getuid())
    assert sorted(vuid.values, key=str) == sorted(["root", os.getuid()], key=str)
    vgid = session.tracker(ProcessAttr.VGID)
    vgid.policy = TrackingPolicy.INCLUDE_SET
    vgid.track("root")
    vgid.track(4242)
    assert sorted(vgid.values, key=str) == sorted(["root", 4242], key=str)
    vgid.untrack("root")
    assert vgid.values == [4242]


def test_tracker_errors(session: Session) -> None:
    vpid = session.tracker(ProcessAttr.VPID)
    with pytest.raises(lttng_ctl.StatusError) as policy:
        vpid.track(1)  # the policy is INCLUDE_ALL
    assert policy.value.code == ErrorCode.PROCESS_ATTR_TRACKER_INVALID_TRACKING_POLICY
    with pytest.raises(lttng_ctl.StatusError):
        vpid.values
    vpid.policy = TrackingPolicy.INCLUDE_SET
    vpid.track(5)
    with pytest.raises(lttng_ctl.TrackerValueExistsError) as exists:
        vpid.track(5)
    assert exists.value.code == ErrorCode.PROCESS_ATTR_EXISTS
    assert exists.value.status == "LTTNG_PROCESS_ATTR_TRACKER_HANDLE_STATUS_EXISTS"
    with pytest.raises(lttng_ctl.TrackerValueMissingError) as missing:
        vpid.untrack(6)
    assert missing.value.code == ErrorCode.PROCESS_ATTR_MISSING
    with pytest.raises(TypeError):
        vpid.track("a-name")  # process ids have no names
    with pytest.raises(TypeError):
        vpid.track(True)
    vuid = session.tracker(ProcessAttr.VUID)
    vuid.policy = TrackingPolicy.INCLUDE_SET
    with pytest.raises(lttng_ctl.StatusError) as user:
        vuid.track("no-such-user-lttng-ctl")
    assert user.value.code == ErrorCode.USER_NOT_FOUND
    vgid = session.tracker(ProcessAttr.VGID)
    vgid.policy = TrackingPolicy.INCLUDE_SET
    with pytest.raises(lttng_ctl.StatusError) as group:
        vgid.track("no-such-group-lttng-ctl")
    assert group.value.code == ErrorCode.GROUP_NOT_FOUND
    with pytest.raises(lttng_ctl.LttngError) as pid_ust:
        session.tracker(ProcessAttr.PID)  # the user-space domain tracks virtual ids only
    assert pid_ust.value.call == "lttng_session_get_tracker_handle"
    with pytest.raises(lttng_ctl.SessionNotFoundError):
        Session(unique("missing")).tracker(ProcessAttr.VPID)
    vpid.close()
    with pytest.raises(ValueError):
        vpid.policy
    with pytest.raises(lttng_ctl.LttngError):
        session.tracker(ProcessAttr.VPID, Domain.KERNEL)
