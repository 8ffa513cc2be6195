//! Text bound for a terminal: news text carries control and bidirectional-override characters
//! that would garble or spoof what the user sees (fd's `sanitize.rs` does the same).

/// Replaces control and bidirectional-override characters with U+FFFD.
pub fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control()
                || ('\u{202A}'..='\u{202E}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
            {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

/// `s` cut to `max` characters, the last replaced by an ellipsis when cut (table columns).
pub fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::sanitize;

    #[test]
    fn controls_and_bidi_overrides_are_replaced() {
        assert_eq!(sanitize("Raqqa\u{1b}[31m"), "Raqqa\u{FFFD}[31m");
        assert_eq!(sanitize("a\u{202E}b\u{2067}c"), "a\u{FFFD}b\u{FFFD}c");
        assert_eq!(sanitize("الرقة"), "الرقة");
    }
}
