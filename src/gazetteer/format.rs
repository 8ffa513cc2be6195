//! The compiled gazetteer file: layout, header check and record decoding.
//!
//! ```text
//! header   magic "GEOMENTN" | version u32 | section count u32 | crc32 of the payload u32 |
//!          reserved u32 | payload length u64 | per section: offset u64, length u64
//! payload  places       fixed 32-byte records (see RECORD_LEN)
//!          strings      per place: u16 len + name, u16 len + ascii name, u8 len + admin1,
//!                       u8 len + admin2, u8 len + place id (empty for GeoNames places)
//!          names        fst map: folded name -> postings offset << 24 | posting count
//!          postings     u32 place index, u32 (kind byte << 24 | 24-bit verbatim hash)
//!          skeletons    fst map: consonant skeleton -> offset << 24 | count
//!          skel_posts   u32 place index
//!          codes        fst map: "SY", "IQ.01", "US.KY.125" -> place index
//!          abbrevs      u8 rule, u32 place, u8 len + surface text, repeated
//!          stopwords    fst set of folded words that are never places
//!          metadata     JSON: sources, versions, counts (for `gazetteer info`)
//!          common       fst set of ordinary English words that are also place names
//!          people       fst set of common first names and surnames that are also place names
//! ```
//! All integers little-endian. The reader checks magic, version, lengths and (for files a user
//! passes) the checksum before trusting anything, because on corrupt bytes `fst` promises memory
//! safety but not freedom from panics. Shared with `build.rs`, which writes the default.

use super::error::Error;
use std::path::Path;

/// Magic bytes at the start of every compiled gazetteer.
pub const MAGIC: &[u8; 8] = b"GEOMENTN";
/// Bumped whenever the layout changes; older files are refused with a rebuild hint.
pub const VERSION: u32 = 5;
/// Bytes per place record.
pub const RECORD_LEN: usize = 32;
/// Bytes per posting in the names section.
pub const POSTING_LEN: usize = 8;
/// Low bits of a postings reference that hold the count.
pub const COUNT_BITS: u32 = 24;

/// The sections, in file order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    /// Place records.
    Places,
    /// Strings referenced by place records.
    Strings,
    /// Name index.
    Names,
    /// Name postings.
    Postings,
    /// Skeleton index.
    Skeletons,
    /// Skeleton postings.
    SkeletonPostings,
    /// Country/admin code index.
    Codes,
    /// Abbreviation table.
    Abbreviations,
    /// Stopword set.
    Stopwords,
    /// JSON metadata.
    Metadata,
    /// Common-word set.
    CommonWords,
    /// Person-name set.
    PersonNames,
    /// Names of people in the news (a subset of the person names).
    NewsPeople,
    /// Demonyms that as often mean someone else ("Indian"): their country's only where the
    /// text names a place of it.
    AmbiguousDemonyms,
}

impl Section {
    /// All sections in file order.
    pub const ALL: [Section; 14] = [
        Section::Places,
        Section::Strings,
        Section::Names,
        Section::Postings,
        Section::Skeletons,
        Section::SkeletonPostings,
        Section::Codes,
        Section::Abbreviations,
        Section::Stopwords,
        Section::Metadata,
        Section::CommonWords,
        Section::PersonNames,
        Section::NewsPeople,
        Section::AmbiguousDemonyms,
    ];

    /// The section's name in error messages.
    pub fn name(self) -> &'static str {
        match self {
            Section::Places => "places",
            Section::Strings => "strings",
            Section::Names => "names",
            Section::Postings => "postings",
            Section::Skeletons => "skeletons",
            Section::SkeletonPostings => "skeleton postings",
            Section::Codes => "codes",
            Section::Abbreviations => "abbreviations",
            Section::Stopwords => "stopwords",
            Section::Metadata => "metadata",
            Section::CommonWords => "common words",
            Section::PersonNames => "person names",
            Section::NewsPeople => "people in the news",
            Section::AmbiguousDemonyms => "ambiguous demonyms",
        }
    }
}

/// Fixed header bytes before the section table.
const HEADER_FIXED: usize = 8 + 4 + 4 + 4 + 4 + 8;
/// Total header length.
pub const HEADER_LEN: usize = HEADER_FIXED + Section::ALL.len() * 16;

/// Writes a complete file: header then the sections' bytes in order.
pub fn write_file<W: std::io::Write>(out: &mut W, sections: &[Vec<u8>]) -> std::io::Result<()> {
    debug_assert_eq!(sections.len(), Section::ALL.len());
    let mut crc = crc32fast::Hasher::new();
    let mut table = Vec::with_capacity(sections.len() * 16);
    let mut offset = HEADER_LEN as u64;
    for s in sections {
        crc.update(s);
        table.extend_from_slice(&offset.to_le_bytes());
        table.extend_from_slice(&(s.len() as u64).to_le_bytes());
        offset += s.len() as u64;
    }
    out.write_all(MAGIC)?;
    out.write_all(&VERSION.to_le_bytes())?;
    out.write_all(&(sections.len() as u32).to_le_bytes())?;
    out.write_all(&crc.finalize().to_le_bytes())?;
    out.write_all(&0u32.to_le_bytes())?;
    out.write_all(&(offset - HEADER_LEN as u64).to_le_bytes())?;
    out.write_all(&table)?;
    for s in sections {
        out.write_all(s)?;
    }
    Ok(())
}

/// Whether to recompute the payload checksum when opening.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verify {
    /// Check it (files a user passes).
    Checksum,
    /// Trust it (the default embedded in the binary, which a test checks).
    Trusted,
}

/// Checks the header of `bytes` and returns the byte range of each section.
pub fn sections(
    path: &Path,
    bytes: &[u8],
    verify: Verify,
) -> Result<Vec<std::ops::Range<usize>>, Error> {
    let u32_at = |at: usize| -> Option<u32> {
        Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
    };
    let u64_at = |at: usize| -> Option<u64> {
        Some(u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?))
    };
    if bytes.get(..8) != Some(MAGIC.as_slice()) {
        return Err(Error::NotAGazetteer {
            path: path.to_path_buf(),
        });
    }
    let truncated = |expected: u64| Error::Truncated {
        path: path.to_path_buf(),
        expected,
        found: bytes.len() as u64,
    };
    let version = u32_at(8).ok_or_else(|| truncated(HEADER_LEN as u64))?;
    if version != VERSION {
        return Err(Error::Version {
            path: path.to_path_buf(),
            expected: VERSION,
            found: version,
        });
    }
    if bytes.len() < HEADER_LEN {
        return Err(truncated(HEADER_LEN as u64));
    }
    let count = u32_at(12).unwrap_or(0) as usize;
    let checksum = u32_at(16).unwrap_or(0);
    let payload = u64_at(24).unwrap_or(0);
    let expected_len = (HEADER_LEN as u64).saturating_add(payload);
    if (bytes.len() as u64) < expected_len {
        return Err(truncated(expected_len));
    }
    let section_error = |s: Section| Error::Section {
        path: path.to_path_buf(),
        section: s.name(),
    };
    if count != Section::ALL.len() {
        return Err(section_error(Section::Places));
    }
    if verify == Verify::Checksum {
        let body = bytes.get(HEADER_LEN..expected_len as usize).unwrap_or(&[]);
        let found = crc32fast::hash(body);
        if found != checksum {
            return Err(Error::Checksum {
                path: path.to_path_buf(),
                expected: checksum,
                found,
            });
        }
    }
    let mut ranges = Vec::with_capacity(count);
    for (i, s) in Section::ALL.iter().enumerate() {
        let at = HEADER_FIXED + i * 16;
        let (start, len) = match (u64_at(at), u64_at(at + 8)) {
            (Some(a), Some(b)) => (a, b),
            _ => return Err(section_error(*s)),
        };
        let end = start.checked_add(len).ok_or_else(|| section_error(*s))?;
        if start < HEADER_LEN as u64 || end > expected_len {
            return Err(section_error(*s));
        }
        ranges.push(start as usize..end as usize);
    }
    Ok(ranges)
}

/// A place record as stored: fixed-width fields, strings by offset.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RawPlace {
    /// GeoNames id, 0 when none.
    pub geonameid: u32,
    /// Latitude in millionths of a degree.
    pub lat_e6: i32,
    /// Longitude in millionths of a degree.
    pub lon_e6: i32,
    /// Population, saturated at `u32::MAX`.
    pub population: u32,
    /// Offset of the place's string block.
    pub strings: u32,
    /// Ranking prior in thousandths (see `compile::importance`).
    pub importance_milli: u16,
    /// Feature class letter.
    pub feature_class: u8,
    /// Index of the source in the metadata's source list.
    pub source: u8,
    /// Feature code bytes.
    pub feature_code: [u8; 5],
    /// Country code bytes.
    pub country: [u8; 2],
}

impl RawPlace {
    /// Serialises the record.
    pub fn to_bytes(self) -> [u8; RECORD_LEN] {
        let mut b = [0u8; RECORD_LEN];
        b[0..4].copy_from_slice(&self.geonameid.to_le_bytes());
        b[4..8].copy_from_slice(&self.lat_e6.to_le_bytes());
        b[8..12].copy_from_slice(&self.lon_e6.to_le_bytes());
        b[12..16].copy_from_slice(&self.population.to_le_bytes());
        b[16..20].copy_from_slice(&self.strings.to_le_bytes());
        b[20..22].copy_from_slice(&self.importance_milli.to_le_bytes());
        b[22] = self.feature_class;
        b[23] = self.source;
        b[24..29].copy_from_slice(&self.feature_code);
        b[29..31].copy_from_slice(&self.country);
        b
    }

    /// Reads the record at `index` from the places section, `None` past the end.
    pub fn read(places: &[u8], index: usize) -> Option<RawPlace> {
        let b = places.get(index * RECORD_LEN..(index + 1) * RECORD_LEN)?;
        let u32_at = |at: usize| -> Option<u32> {
            Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
        };
        Some(RawPlace {
            geonameid: u32_at(0)?,
            lat_e6: u32_at(4)? as i32,
            lon_e6: u32_at(8)? as i32,
            population: u32_at(12)?,
            strings: u32_at(16)?,
            importance_milli: u16::from_le_bytes(b.get(20..22)?.try_into().ok()?),
            feature_class: *b.get(22)?,
            source: *b.get(23)?,
            feature_code: b.get(24..29)?.try_into().ok()?,
            country: b.get(29..31)?.try_into().ok()?,
        })
    }
}

/// The strings of one place, borrowed from the strings section.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PlaceStrings<'a> {
    /// Preferred name.
    pub name: &'a str,
    /// ASCII name (may be empty).
    pub ascii_name: &'a str,
    /// Admin-1 code.
    pub admin1_code: &'a str,
    /// Admin-2 code.
    pub admin2_code: &'a str,
    /// Non-GeoNames place id (empty for GeoNames places).
    pub place_id: &'a str,
}

/// Appends one place's string block to `heap`, returning its offset. Strings longer than their
/// length field are cut at a character boundary.
pub fn push_strings(heap: &mut Vec<u8>, s: &PlaceStrings<'_>) -> u32 {
    let offset = heap.len() as u32;
    let mut put = |text: &str, wide: bool| {
        let max = if wide {
            u16::MAX as usize
        } else {
            u8::MAX as usize
        };
        let mut end = text.len().min(max);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        if wide {
            heap.extend_from_slice(&(end as u16).to_le_bytes());
        } else {
            heap.push(end as u8);
        }
        heap.extend_from_slice(text.as_bytes().get(..end).unwrap_or(&[]));
    };
    put(s.name, true);
    put(s.ascii_name, true);
    put(s.admin1_code, false);
    put(s.admin2_code, false);
    put(s.place_id, false);
    offset
}

/// Reads the string block at `offset`; `None` when it runs off the section or is not UTF-8.
pub fn read_strings(heap: &[u8], offset: u32) -> Option<PlaceStrings<'_>> {
    let mut at = offset as usize;
    let mut take = |wide: bool| -> Option<&str> {
        let len = if wide {
            let l = u16::from_le_bytes(heap.get(at..at + 2)?.try_into().ok()?) as usize;
            at += 2;
            l
        } else {
            let l = *heap.get(at)? as usize;
            at += 1;
            l
        };
        let s = std::str::from_utf8(heap.get(at..at + len)?).ok()?;
        at += len;
        Some(s)
    };
    Some(PlaceStrings {
        name: take(true)?,
        ascii_name: take(true)?,
        admin1_code: take(false)?,
        admin2_code: take(false)?,
        place_id: take(false)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_round_trip() {
        let p = RawPlace {
            geonameid: 172955,
            lat_e6: 35_950_000,
            lon_e6: -39_010_000,
            population: 177_636,
            strings: 99,
            importance_milli: 5_750,
            feature_class: b'P',
            source: 2,
            feature_code: *b"PPLA\0",
            country: *b"SY",
        };
        let bytes = p.to_bytes();
        assert_eq!(RawPlace::read(&bytes, 0), Some(p));
        assert_eq!(RawPlace::read(&bytes, 1), None);
    }

    #[test]
    fn strings_round_trip_and_cut_on_char_boundary() {
        let mut heap = Vec::new();
        let s = PlaceStrings {
            name: "Ar Raqqah",
            ascii_name: "Ar Raqqah",
            admin1_code: "04",
            admin2_code: "",
            place_id: "",
        };
        let off = push_strings(&mut heap, &s);
        assert_eq!(read_strings(&heap, off), Some(s));
        let long = "é".repeat(200); // 400 bytes: cut to at most 255 on a char boundary
        let off = push_strings(
            &mut heap,
            &PlaceStrings {
                place_id: &long,
                ..PlaceStrings::default()
            },
        );
        let back = read_strings(&heap, off).unwrap();
        assert_eq!(back.place_id.len(), 254);
        assert!(read_strings(&heap, heap.len() as u32 + 5).is_none());
    }

    #[test]
    fn header_checks() {
        let path = Path::new("test.gmz");
        let sections: Vec<Vec<u8>> = Section::ALL.iter().map(|_| vec![1, 2, 3]).collect();
        let mut file = Vec::new();
        write_file(&mut file, &sections).unwrap();
        let ranges = sections_ok(path, &file);
        assert_eq!(ranges.len(), Section::ALL.len());
        assert!(matches!(
            super::sections(path, b"nope", Verify::Checksum),
            Err(Error::NotAGazetteer { .. })
        ));
        let cut = &file[..file.len() - 2];
        assert!(matches!(
            super::sections(path, cut, Verify::Checksum),
            Err(Error::Truncated { .. })
        ));
        let mut flipped = file.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 0xff;
        assert!(matches!(
            super::sections(path, &flipped, Verify::Checksum),
            Err(Error::Checksum { .. })
        ));
        let mut old = file.clone();
        old[8] = 0;
        assert!(matches!(
            super::sections(path, &old, Verify::Checksum),
            Err(Error::Version { found: 0, .. })
        ));
    }

    fn sections_ok(path: &Path, file: &[u8]) -> Vec<std::ops::Range<usize>> {
        super::sections(path, file, Verify::Checksum).unwrap()
    }
}
