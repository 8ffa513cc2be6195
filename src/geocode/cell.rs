//! Splitting a spreadsheet cell into the name to look up and the context it carries:
//! "Aleppo, Syria" → "Aleppo" in "Syria"; "Springfield, Sangamon County, IL" → "Springfield" in
//! "Sangamon County" in "IL"; "Paris (Texas)" → "Paris" in "Texas".

/// A cell taken apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell<'a> {
    /// The whole cell, trimmed.
    pub whole: &'a str,
    /// The name to look up: the text before the first comma or parenthesis.
    pub name: &'a str,
    /// Context parts, most specific first.
    pub context: Vec<&'a str>,
}

/// Takes a cell apart. Never fails: a cell with no commas or parentheses is all name.
pub fn split(cell: &str) -> Cell<'_> {
    let whole = cell.trim();
    let name_end = whole.find([',', '(']).unwrap_or(whole.len());
    let mut context = Vec::new();
    // Parenthesised parts are context wherever they stand: "Paris (Texas)", "Paris (TX), US".
    let mut rest = whole;
    while let Some(open) = rest.find('(') {
        let Some(close) = rest[open..].find(')').map(|c| open + c) else {
            break;
        };
        let inner = rest[open + 1..close].trim();
        if !inner.is_empty() {
            context.push(inner);
        }
        rest = &rest[close + 1..];
    }
    // Comma parts, each cut at its own parenthesis (already taken above).
    if let Some(comma) = whole.find(',') {
        for part in whole[comma + 1..].split(',') {
            let part = part.split('(').next().unwrap_or(part).trim();
            if !part.is_empty() && !part.contains(')') {
                context.push(part);
            }
        }
    }
    let name = whole[..name_end].trim();
    // An unclosed parenthesis is part of the name, not a context marker.
    let name = if whole[name_end..].starts_with('(') && !whole[name_end..].contains(')') {
        whole
    } else {
        name
    };
    Cell {
        whole,
        name,
        context,
    }
}

#[cfg(test)]
mod tests {
    use super::split;

    fn parts(cell: &str) -> (String, Vec<String>) {
        let c = split(cell);
        (
            c.name.to_string(),
            c.context.iter().map(|s| s.to_string()).collect(),
        )
    }

    #[test]
    fn cells_split_into_name_and_context() {
        let table: &[(&str, &str, &[&str])] = &[
            ("Raqqa", "Raqqa", &[]),
            ("  Aleppo, Syria ", "Aleppo", &["Syria"]),
            (
                "Springfield, Sangamon County, IL",
                "Springfield",
                &["Sangamon County", "IL"],
            ),
            ("Paris (Texas)", "Paris", &["Texas"]),
            ("Paris (TX), US", "Paris", &["TX", "US"]),
            ("Deir al-Zour", "Deir al-Zour", &[]),
            ("Washington, D.C.", "Washington", &["D.C."]),
            ("Odd (unclosed", "Odd (unclosed", &[]),
            ("(Texas)", "", &["Texas"]),
            ("", "", &[]),
            ("a,,b", "a", &["b"]),
        ];
        for (cell, name, context) in table {
            let (n, c) = parts(cell);
            assert_eq!(n, *name, "{cell:?}");
            assert_eq!(c, *context, "{cell:?}");
        }
    }
}
