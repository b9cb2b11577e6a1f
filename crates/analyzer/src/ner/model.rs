//! The model file format.
//!
//! ```text
//! magic "SLNERMOD" | format version u32 | feature-extractor hash u64 | payload length u64
//! payload:
//!   meta: len u32 + UTF-8 (training information)
//!   per stage (2): transitions (NT + 1) × NT i32, end NT i32
//!   gazetteer: n u32, n × (key u64, bits u32)
//!   clusters:  n u32, n × (word hash u64, packed path u32)
//!   features:  n u32, n × (key u64, mask varint over 2 × NT weights, one i16 per set bit)
//! checksum u64 (hash of everything before it)
//! ```
//! All integers little-endian.

use super::NerError;
use super::features::hash_bytes;
use super::tags::NT;

pub const MAGIC: &[u8; 8] = b"SLNERMOD";
pub const FORMAT_VERSION: u32 = 1;
/// Decoding stages (stage 2 adds features from stage 1's predictions).
pub const N_STAGES: usize = 2;
/// Weights per feature: `NT` per stage.
pub const ROW: usize = NT * N_STAGES;

/// The decoded content of a model file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ModelData {
    /// Hash of the feature extractor the model was trained with.
    pub feature_version: u64,
    /// Free-form training information.
    pub meta: String,
    /// Per stage: `(NT + 1) × NT` transition weights (last row: sentence start).
    pub trans: [Vec<i32>; N_STAGES],
    /// Per stage: `NT` sentence-end weights.
    pub end: [Vec<i32>; N_STAGES],
    pub gaz: Vec<(u64, u32)>,
    pub clusters: Vec<(u64, u32)>,
    pub feats: Vec<(u64, [i16; ROW])>,
}

impl ModelData {
    /// Serialises the model (entries sorted by key, so the bytes are deterministic).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut p = Vec::new();
        p.extend_from_slice(&(self.meta.len() as u32).to_le_bytes());
        p.extend_from_slice(self.meta.as_bytes());
        for s in 0..N_STAGES {
            for i in 0..(NT + 1) * NT {
                p.extend_from_slice(&self.trans[s].get(i).copied().unwrap_or(0).to_le_bytes());
            }
            for i in 0..NT {
                p.extend_from_slice(&self.end[s].get(i).copied().unwrap_or(0).to_le_bytes());
            }
        }
        for table in [&self.gaz, &self.clusters] {
            let mut t = table.clone();
            t.sort_unstable();
            p.extend_from_slice(&(t.len() as u32).to_le_bytes());
            for (k, v) in t {
                p.extend_from_slice(&k.to_le_bytes());
                p.extend_from_slice(&v.to_le_bytes());
            }
        }
        let mut feats: Vec<&(u64, [i16; ROW])> =
            self.feats.iter().filter(|(_, r)| r.iter().any(|&x| x != 0)).collect();
        feats.sort_unstable_by_key(|(k, _)| *k);
        p.extend_from_slice(&(feats.len() as u32).to_le_bytes());
        for (k, row) in feats {
            p.extend_from_slice(&k.to_le_bytes());
            let mut mask = 0u64;
            for (i, &x) in row.iter().enumerate() {
                if x != 0 {
                    mask |= 1 << i;
                }
            }
            let mut m = mask;
            loop {
                let b = (m & 0x7F) as u8;
                m >>= 7;
                if m == 0 {
                    p.push(b);
                    break;
                }
                p.push(b | 0x80);
            }
            for &x in row.iter().filter(|&&x| x != 0) {
                p.extend_from_slice(&x.to_le_bytes());
            }
        }
        let mut out = Vec::with_capacity(p.len() + 40);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&self.feature_version.to_le_bytes());
        out.extend_from_slice(&(p.len() as u64).to_le_bytes());
        out.extend_from_slice(&p);
        let sum = hash_bytes(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// Parses a model file; `expected_features` is the running extractor's hash.
    pub fn from_bytes(bytes: &[u8], expected_features: u64) -> Result<ModelData, NerError> {
        let mut r = Reader { b: bytes, pos: 0 };
        if r.take(8)? != MAGIC {
            return Err(NerError::BadMagic);
        }
        let version = r.u32()?;
        if version != FORMAT_VERSION {
            return Err(NerError::UnsupportedVersion { found: version, expected: FORMAT_VERSION });
        }
        let feature_version = r.u64()?;
        if feature_version != expected_features {
            return Err(NerError::StaleFeatures { found: feature_version, expected: expected_features });
        }
        let len = usize::try_from(r.u64()?).map_err(|_| NerError::Truncated)?;
        let body_end = r.pos.checked_add(len).ok_or(NerError::Truncated)?;
        if bytes.len() < body_end.saturating_add(8) {
            return Err(NerError::Truncated);
        }
        let mut sum = [0u8; 8];
        sum.copy_from_slice(&bytes[body_end..body_end + 8]);
        if hash_bytes(&bytes[..body_end]) != u64::from_le_bytes(sum) {
            return Err(NerError::Corrupt("checksum mismatch".into()));
        }
        let mut r = Reader { b: &bytes[..body_end], pos: r.pos };
        let mut m = ModelData { feature_version, ..ModelData::default() };
        let ml = r.u32()? as usize;
        m.meta = String::from_utf8(r.take(ml)?.to_vec()).map_err(|_| NerError::Corrupt("meta".into()))?;
        for s in 0..N_STAGES {
            m.trans[s] = (0..(NT + 1) * NT).map(|_| r.i32()).collect::<Result<_, _>>()?;
            m.end[s] = (0..NT).map(|_| r.i32()).collect::<Result<_, _>>()?;
        }
        for table in [&mut m.gaz, &mut m.clusters] {
            let n = r.u32()? as usize;
            if n > r.remaining() / 12 {
                return Err(NerError::Truncated);
            }
            table.reserve(n);
            for _ in 0..n {
                table.push((r.u64()?, r.u32()?));
            }
        }
        let n = r.u32()? as usize;
        if n > r.remaining() / 9 {
            return Err(NerError::Truncated);
        }
        m.feats.reserve(n);
        for _ in 0..n {
            let key = r.u64()?;
            let mut mask = 0u64;
            let mut shift = 0;
            loop {
                let b = r.take(1)?[0];
                if shift >= 64 {
                    return Err(NerError::Corrupt("feature mask".into()));
                }
                mask |= ((b & 0x7F) as u64) << shift;
                shift += 7;
                if b & 0x80 == 0 {
                    break;
                }
            }
            if mask >> ROW != 0 {
                return Err(NerError::Corrupt("feature mask".into()));
            }
            let mut row = [0i16; ROW];
            for (i, x) in row.iter_mut().enumerate() {
                if mask & (1 << i) != 0 {
                    *x = r.i16()?;
                }
            }
            m.feats.push((key, row));
        }
        if r.remaining() != 0 {
            return Err(NerError::Corrupt("trailing bytes".into()));
        }
        Ok(m)
    }
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn remaining(&self) -> usize {
        self.b.len() - self.pos
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], NerError> {
        if self.remaining() < n {
            return Err(NerError::Truncated);
        }
        let s = &self.b[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    fn arr<const N: usize>(&mut self) -> Result<[u8; N], NerError> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }

    fn u32(&mut self) -> Result<u32, NerError> {
        Ok(u32::from_le_bytes(self.arr()?))
    }
    fn u64(&mut self) -> Result<u64, NerError> {
        Ok(u64::from_le_bytes(self.arr()?))
    }
    fn i32(&mut self) -> Result<i32, NerError> {
        Ok(i32::from_le_bytes(self.arr()?))
    }
    fn i16(&mut self) -> Result<i16, NerError> {
        Ok(i16::from_le_bytes(self.arr()?))
    }
}
