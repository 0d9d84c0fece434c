//! Byte writer and reader for the host-order, packed structures of the client protocol.

use crate::proto::DecodeError;

/// Appends host-order integers, fixed NUL-padded strings and raw bytes.
#[derive(Debug, Default)]
pub struct Writer {
    buf: Vec<u8>,
}

impl Writer {
    /// An empty writer with room for `n` bytes.
    pub fn with_capacity(n: usize) -> Writer {
        Writer {
            buf: Vec::with_capacity(n),
        }
    }
    /// Appends a u8.
    pub fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    /// Appends an i8.
    pub fn i8(&mut self, v: i8) {
        self.buf.push(v as u8);
    }
    /// Appends a u16.
    pub fn u16(&mut self, v: u16) {
        self.buf.extend_from_slice(&v.to_ne_bytes());
    }
    /// Appends a u32.
    pub fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_ne_bytes());
    }
    /// Appends an i32.
    pub fn i32(&mut self, v: i32) {
        self.buf.extend_from_slice(&v.to_ne_bytes());
    }
    /// Appends a u64.
    pub fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_ne_bytes());
    }
    /// Appends an i64.
    pub fn i64(&mut self, v: i64) {
        self.buf.extend_from_slice(&v.to_ne_bytes());
    }
    /// Appends raw bytes.
    pub fn bytes(&mut self, b: &[u8]) {
        self.buf.extend_from_slice(b);
    }
    /// Appends `n` zero bytes.
    pub fn zeros(&mut self, n: usize) {
        self.buf.resize(self.buf.len() + n, 0);
    }
    /// Appends `s` in an array of `cap` bytes, NUL-padded; truncated to `cap - 1` bytes.
    pub fn fixed_str(&mut self, s: &str, cap: usize) {
        let n = s.len().min(cap.saturating_sub(1));
        self.buf.extend_from_slice(&s.as_bytes()[..n]);
        self.zeros(cap - n);
    }
    /// Appends `s` and its terminator.
    pub fn cstr(&mut self, s: &str) {
        self.buf.extend_from_slice(s.as_bytes());
        self.buf.push(0);
    }
    /// Current length.
    pub fn len(&self) -> usize {
        self.buf.len()
    }
    /// True when nothing was written.
    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }
    /// The bytes written.
    pub fn into_inner(self) -> Vec<u8> {
        self.buf
    }
}

/// Reads host-order integers and strings, failing on truncation.
#[derive(Debug)]
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// A reader over `buf`.
    pub fn new(buf: &'a [u8]) -> Reader<'a> {
        Reader { buf, pos: 0 }
    }
    /// The bytes not read yet.
    pub fn rest(&self) -> &'a [u8] {
        &self.buf[self.pos..]
    }
    /// Bytes left.
    pub fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }
    /// Current offset.
    pub fn position(&self) -> usize {
        self.pos
    }
    /// The next `n` bytes.
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        if n > self.remaining() {
            return Err(DecodeError::Truncated);
        }
        let out = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(out)
    }
    /// Skips `n` bytes.
    pub fn skip(&mut self, n: usize) -> Result<(), DecodeError> {
        self.take(n).map(|_| ())
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], DecodeError> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }
    /// A u8.
    pub fn u8(&mut self) -> Result<u8, DecodeError> {
        Ok(self.array::<1>()?[0])
    }
    /// An i8.
    pub fn i8(&mut self) -> Result<i8, DecodeError> {
        Ok(self.array::<1>()?[0] as i8)
    }
    /// A u16.
    pub fn u16(&mut self) -> Result<u16, DecodeError> {
        Ok(u16::from_ne_bytes(self.array()?))
    }
    /// A u32.
    pub fn u32(&mut self) -> Result<u32, DecodeError> {
        Ok(u32::from_ne_bytes(self.array()?))
    }
    /// An i32.
    pub fn i32(&mut self) -> Result<i32, DecodeError> {
        Ok(i32::from_ne_bytes(self.array()?))
    }
    /// A u64.
    pub fn u64(&mut self) -> Result<u64, DecodeError> {
        Ok(u64::from_ne_bytes(self.array()?))
    }
    /// An i64.
    pub fn i64(&mut self) -> Result<i64, DecodeError> {
        Ok(i64::from_ne_bytes(self.array()?))
    }
    /// A string in a fixed array of `cap` bytes, which must hold its terminator.
    pub fn fixed_str(&mut self, cap: usize) -> Result<String, DecodeError> {
        let raw = self.take(cap)?;
        let end = raw
            .iter()
            .position(|&b| b == 0)
            .ok_or(DecodeError::Unterminated)?;
        Ok(String::from_utf8_lossy(&raw[..end]).into_owned())
    }
    /// A string of exactly `len` bytes including its terminator, with no inner NUL.
    pub fn sized_cstr(&mut self, len: usize) -> Result<String, DecodeError> {
        if len == 0 {
            return Err(DecodeError::Unterminated);
        }
        let raw = self.take(len)?;
        if raw[len - 1] != 0 || raw[..len - 1].contains(&0) {
            return Err(DecodeError::Unterminated);
        }
        Ok(String::from_utf8_lossy(&raw[..len - 1]).into_owned())
    }
}
