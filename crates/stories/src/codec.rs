//! A small binary encoding for the story index's saved state: LEB128
//! varints for counts and ids, little-endian fixed-width keys and weights,
//! length-prefixed UTF-8 strings. Reading checks every length against what
//! is left, so a truncated or foreign blob gives `None`, never a panic.

/// Appends values to a byte buffer.
#[derive(Debug, Default)]
pub(crate) struct Writer {
    pub(crate) buf: Vec<u8>,
}

impl Writer {
    pub(crate) fn bytes(&mut self, b: &[u8]) {
        self.buf.extend_from_slice(b);
    }

    pub(crate) fn var(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.buf.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.buf.push(v as u8);
    }

    /// A signed value, zigzag-encoded.
    pub(crate) fn ivar(&mut self, v: i64) {
        self.var(((v << 1) ^ (v >> 63)) as u64);
    }

    pub(crate) fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    pub(crate) fn f32(&mut self, v: f32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    pub(crate) fn str(&mut self, s: &str) {
        self.var(s.len() as u64);
        self.buf.extend_from_slice(s.as_bytes());
    }

    pub(crate) fn opt_str(&mut self, s: Option<&str>) {
        match s {
            None => self.var(0),
            Some(s) => {
                self.var(s.len() as u64 + 1);
                self.buf.extend_from_slice(s.as_bytes());
            }
        }
    }
}

/// Reads values back; every method returns `None` past the end or on
/// malformed input.
#[derive(Debug)]
pub(crate) struct Reader<'a> {
    b: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(crate) fn new(b: &'a [u8]) -> Reader<'a> {
        Reader { b }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.b.is_empty()
    }

    pub(crate) fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.b.len() {
            return None;
        }
        let (h, t) = self.b.split_at(n);
        self.b = t;
        Some(h)
    }

    pub(crate) fn var(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let (&x, t) = self.b.split_first()?;
            self.b = t;
            v |= ((x & 0x7f) as u64) << shift;
            if x < 0x80 {
                return Some(v);
            }
        }
        None
    }

    /// A count of items of at least `min_bytes` each: checked against what
    /// is left, so a corrupt count cannot make the reader allocate much.
    pub(crate) fn len(&mut self, min_bytes: usize) -> Option<usize> {
        let n = usize::try_from(self.var()?).ok()?;
        (n.checked_mul(min_bytes.max(1))? <= self.b.len()).then_some(n)
    }

    pub(crate) fn ivar(&mut self) -> Option<i64> {
        let v = self.var()?;
        Some(((v >> 1) as i64) ^ -((v & 1) as i64))
    }

    pub(crate) fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.var()?).ok()
    }

    pub(crate) fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    pub(crate) fn f32(&mut self) -> Option<f32> {
        Some(f32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    pub(crate) fn str(&mut self) -> Option<String> {
        let n = self.len(1)?;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }

    pub(crate) fn opt_str(&mut self) -> Option<Option<String>> {
        let n = usize::try_from(self.var()?).ok()?;
        if n == 0 {
            return Some(None);
        }
        let s = self.take(n - 1)?;
        Some(Some(String::from_utf8(s.to_vec()).ok()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_truncation() {
        let mut w = Writer::default();
        w.var(0);
        w.var(300);
        w.var(u64::MAX);
        w.ivar(-5);
        w.ivar(i64::MIN);
        w.u64(0xdead_beef_0123_4567);
        w.f32(-0.25);
        w.str("États-Unis");
        w.opt_str(None);
        w.opt_str(Some(""));
        let b = w.buf;
        let mut r = Reader::new(&b);
        assert_eq!(r.var(), Some(0));
        assert_eq!(r.var(), Some(300));
        assert_eq!(r.var(), Some(u64::MAX));
        assert_eq!(r.ivar(), Some(-5));
        assert_eq!(r.ivar(), Some(i64::MIN));
        assert_eq!(r.u64(), Some(0xdead_beef_0123_4567));
        assert_eq!(r.f32(), Some(-0.25));
        assert_eq!(r.str().as_deref(), Some("États-Unis"));
        assert_eq!(r.opt_str(), Some(None));
        assert_eq!(r.opt_str(), Some(Some(String::new())));
        assert!(r.is_empty());
        // Every prefix either reads less or fails; none panics.
        for n in 0..b.len() {
            let mut r = Reader::new(&b[..n]);
            let _ = (r.var(), r.var(), r.var(), r.ivar(), r.ivar(), r.u64());
            let _ = (r.f32(), r.str(), r.opt_str(), r.opt_str());
        }
        let mut r = Reader::new(&[0xff, 0xff, 0xff, 0xff, 0x0f]);
        assert_eq!(r.len(1), None, "a count larger than the input");
    }
}
