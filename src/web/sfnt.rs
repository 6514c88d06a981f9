//! OpenType tables the PDF subsetter leaves out and a browser needs: a
//! `cmap` (characters to glyphs) and `OS/2`, put back into the subset's
//! table directory.

/// A table of an OpenType font: its tag and bytes.
pub type Table = ([u8; 4], Vec<u8>);

/// The tables of an sfnt (TrueType or CFF flavoured font) and its flavour.
pub fn tables(font: &[u8]) -> Option<([u8; 4], Vec<Table>)> {
    let flavour: [u8; 4] = font.get(0..4)?.try_into().ok()?;
    let count = u16::from_be_bytes(font.get(4..6)?.try_into().ok()?) as usize;
    let mut out = Vec::with_capacity(count + 2);
    for i in 0..count {
        let rec = font.get(12 + 16 * i..28 + 16 * i)?;
        let tag: [u8; 4] = rec[0..4].try_into().ok()?;
        let offset = u32::from_be_bytes(rec[8..12].try_into().ok()?) as usize;
        let len = u32::from_be_bytes(rec[12..16].try_into().ok()?) as usize;
        out.push((tag, font.get(offset..offset.checked_add(len)?)?.to_vec()));
    }
    Some((flavour, out))
}

/// An sfnt of `tables` (sorted by tag here), with checksums and the
/// `head` table's checksum adjustment as the format asks.
pub fn build(flavour: [u8; 4], mut tables: Vec<Table>) -> Vec<u8> {
    tables.sort_by_key(|t| t.0);
    let n = tables.len() as u16;
    let selector = 15 - n.max(1).leading_zeros() as u16;
    let range = 16u16 << selector;
    let mut out = Vec::new();
    out.extend(flavour);
    for v in [n, range, selector, n * 16 - range] {
        out.extend(v.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for (tag, data) in &mut tables {
        if tag == b"head" && data.len() >= 12 {
            data[8..12].fill(0);
            head_at = Some(offset + 8);
        }
        out.extend(*tag);
        out.extend(checksum(data).to_be_bytes());
        out.extend((offset as u32).to_be_bytes());
        out.extend((data.len() as u32).to_be_bytes());
        offset += data.len().next_multiple_of(4);
    }
    for (_, data) in &tables {
        out.extend(data);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    if let Some(at) = head_at {
        let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[at..at + 4].copy_from_slice(&adjust.to_be_bytes());
    }
    out
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut b = [0u8; 4];
        b[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(b))
    })
}

/// A `cmap` for `map` (character, glyph), sorted by character: format 4
/// for the BMP and, when a character lies beyond it, format 12 for all.
pub fn cmap(map: &[(char, u16)]) -> Option<Vec<u8>> {
    let bmp: Vec<(u32, u16)> = map
        .iter()
        .map(|&(c, g)| (c as u32, g))
        .filter(|&(c, _)| c < 0xFFFF)
        .collect();
    let format4 = format4(&bmp)?;
    let wide = map.iter().any(|&(c, _)| c as u32 > 0xFFFF);
    let format12 = wide.then(|| format12(map));
    let records: u16 = if wide { 4 } else { 2 };
    let mut out = Vec::new();
    out.extend(0u16.to_be_bytes());
    out.extend(records.to_be_bytes());
    let first = 4 + 8 * records as u32;
    let second = first + format4.len() as u32;
    let mut record = |platform: u16, encoding: u16, at: u32| {
        out.extend(platform.to_be_bytes());
        out.extend(encoding.to_be_bytes());
        out.extend(at.to_be_bytes());
    };
    // Sorted by platform, then encoding.
    record(0, 3, first);
    if wide {
        record(0, 4, second);
    }
    record(3, 1, first);
    if wide {
        record(3, 10, second);
    }
    out.extend(&format4);
    if let Some(f) = format12 {
        out.extend(f);
    }
    Some(out)
}

/// Format 4: segments of consecutive characters whose glyphs are as
/// consecutive (one `idDelta` each), then the closing 0xFFFF segment.
fn format4(map: &[(u32, u16)]) -> Option<Vec<u8>> {
    let mut segs: Vec<(u16, u16, i32)> = Vec::new(); // start, end, delta
    for &(c, g) in map {
        let delta = g as i32 - c as i32;
        match segs.last_mut() {
            Some((_, end, d)) if *end as u32 + 1 == c && *d == delta => *end = c as u16,
            _ => segs.push((c as u16, c as u16, delta)),
        }
    }
    segs.push((0xFFFF, 0xFFFF, 1));
    let n = segs.len();
    let len = 16 + 8 * n;
    if len > u16::MAX as usize {
        return None;
    }
    let selector = 15 - (n as u16).leading_zeros() as u16;
    let range = 2u16 << selector;
    let mut out = Vec::with_capacity(len);
    for v in [
        4,
        len as u16,
        0,
        2 * n as u16,
        range,
        selector,
        2 * n as u16 - range,
    ] {
        out.extend(v.to_be_bytes());
    }
    segs.iter().for_each(|s| out.extend(s.1.to_be_bytes()));
    out.extend(0u16.to_be_bytes());
    segs.iter().for_each(|s| out.extend(s.0.to_be_bytes()));
    segs.iter()
        .for_each(|s| out.extend((s.2 as u16).to_be_bytes()));
    segs.iter().for_each(|_| out.extend(0u16.to_be_bytes()));
    Some(out)
}

/// Format 12: groups of consecutive characters with consecutive glyphs.
fn format12(map: &[(char, u16)]) -> Vec<u8> {
    let mut groups: Vec<(u32, u32, u32)> = Vec::new(); // start, end, first glyph
    for &(c, g) in map {
        let c = c as u32;
        match groups.last_mut() {
            Some((start, end, g0)) if *end + 1 == c && *g0 + (c - *start) == g as u32 => *end = c,
            _ => groups.push((c, c, g as u32)),
        }
    }
    let mut out = Vec::new();
    out.extend(12u16.to_be_bytes());
    out.extend(0u16.to_be_bytes());
    out.extend((16 + 12 * groups.len() as u32).to_be_bytes());
    out.extend(0u32.to_be_bytes());
    out.extend((groups.len() as u32).to_be_bytes());
    for (s, e, g) in groups {
        for v in [s, e, g] {
            out.extend(v.to_be_bytes());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cmap_reads_back_as_written() {
        let map = [
            ('A', 1),
            ('B', 2),
            ('D', 3),
            ('가', 4),
            ('각', 5),
            ('😀', 6),
        ];
        let table = cmap(&map).unwrap();
        let font = build(*b"OTTO", vec![(*b"cmap", table)]);
        let (_, tables) = tables(&font).unwrap();
        let data = &tables[0].1;
        let sub = rustybuzz::ttf_parser::cmap::Table::parse(data).unwrap();
        for (c, g) in map {
            let found = sub
                .subtables
                .into_iter()
                .find_map(|s| s.glyph_index(c as u32))
                .map(|g| g.0);
            assert_eq!(found, Some(g), "{c}");
        }
        assert!(
            sub.subtables
                .into_iter()
                .all(|s| s.glyph_index('C' as u32).is_none())
        );
    }
}
