//! A stand-in relay daemon for the streaming bench: it speaks just enough of the relayd
//! protocol for the consumer (every control command answered OK, DATA_PENDING honest
//! about what arrived) and throws the data away. Fed through it, the consumer's own
//! throughput shows, without `lttng-relayd`'s receive-and-write cost.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use lttng_ctl::proto::relayd::{
    CONTROL_HEADER_LEN, ControlHeader, DATA_HEADER_LEN, RET_OK, RelayCommand, decode_data_header,
};

#[derive(Default)]
struct State {
    /// Per stream handle: how many data packets arrived.
    packets: Mutex<HashMap<u64, u64>>,
    /// Data bytes received, padding included (what a relay daemon would have written).
    bytes: AtomicU64,
    next_handle: AtomicU64,
}

/// The stand-in's two ports; its threads live as long as the bench.
pub struct DiscardRelay {
    pub control_port: u16,
    pub data_port: u16,
    state: Arc<State>,
}

impl DiscardRelay {
    pub fn start() -> DiscardRelay {
        let state = Arc::new(State::default());
        let control = TcpListener::bind("127.0.0.1:0").unwrap();
        let data = TcpListener::bind("127.0.0.1:0").unwrap();
        let relay = DiscardRelay {
            control_port: control.local_addr().unwrap().port(),
            data_port: data.local_addr().unwrap().port(),
            state: state.clone(),
        };
        let st = state.clone();
        std::thread::spawn(move || {
            for s in control.incoming().flatten() {
                let st = st.clone();
                std::thread::spawn(move || serve_control(s, &st));
            }
        });
        std::thread::spawn(move || {
            for s in data.incoming().flatten() {
                let st = state.clone();
                std::thread::spawn(move || serve_data(s, &st));
            }
        });
        relay
    }

    /// Bytes received so far (content and padding).
    pub fn bytes(&self) -> u64 {
        self.state.bytes.load(Ordering::SeqCst)
    }
}

fn serve_control(mut s: TcpStream, st: &State) {
    let _ = s.set_nodelay(true);
    let mut head = [0u8; CONTROL_HEADER_LEN];
    let mut payload = Vec::new();
    while s.read_exact(&mut head).is_ok() {
        let h = ControlHeader::decode(&head).unwrap();
        payload.resize(h.data_size as usize, 0);
        if s.read_exact(&mut payload).is_err() {
            return;
        }
        let be64 = |at: usize| u64::from_be_bytes(payload[at..at + 8].try_into().unwrap());
        let ok = RET_OK.to_be_bytes().to_vec();
        let reply: Vec<u8> = match RelayCommand::from_u32(h.cmd) {
            Some(RelayCommand::Version) => [2u32.to_be_bytes(), 11u32.to_be_bytes()].concat(),
            Some(RelayCommand::CreateSession) => {
                let path = b"bench/discard\0";
                [
                    &1u64.to_be_bytes()[..],
                    &RET_OK.to_be_bytes(),
                    &(path.len() as u32).to_be_bytes(),
                    path,
                ]
                .concat()
            }
            Some(RelayCommand::AddStream) => {
                let handle = st.next_handle.fetch_add(1, Ordering::SeqCst);
                [&handle.to_be_bytes()[..], &RET_OK.to_be_bytes()].concat()
            }
            Some(RelayCommand::SendMetadata) => Vec::new(),
            Some(RelayCommand::DataPending) => {
                // (handle, last sequence number): pending until that packet arrived.
                let (handle, last) = (be64(0), be64(8));
                let got = st.packets.lock().unwrap().get(&handle).copied();
                let pending = last != u64::MAX && got.is_none_or(|n| n <= last);
                u32::from(pending).to_be_bytes().to_vec()
            }
            Some(RelayCommand::EndDataPending) => 0u32.to_be_bytes().to_vec(),
            _ => ok,
        };
        if !reply.is_empty() && s.write_all(&reply).is_err() {
            return;
        }
    }
}

fn serve_data(mut s: TcpStream, st: &State) {
    let mut head = [0u8; DATA_HEADER_LEN];
    let mut sink = vec![0u8; 1 << 20];
    while s.read_exact(&mut head).is_ok() {
        let (handle, _seq, size, padding) = decode_data_header(&head).unwrap();
        let mut left = size as usize;
        while left > 0 {
            let k = left.min(sink.len());
            match s.read(&mut sink[..k]) {
                Ok(0) | Err(_) => return,
                Ok(n) => left -= n,
            }
        }
        st.bytes
            .fetch_add(u64::from(size) + u64::from(padding), Ordering::SeqCst);
        *st.packets.lock().unwrap().entry(handle).or_insert(0) += 1;
    }
}
