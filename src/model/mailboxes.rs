//! Reading a pasted list of room mailboxes: one per line, or separated by commas or semicolons (as
//! Outlook and Exchange admin exports write them), with or without display names
//! (`Room 101 <room-101@contoso.com>`). Pure text in, addresses out — no I/O.

use super::validation::is_mail_address;

/// What a pasted list contained.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MailboxList {
    /// Valid addresses, in the order pasted, each once (compared without regard to case).
    pub mailboxes: Vec<String>,
    /// Entries that are not mailbox addresses, as pasted (trimmed).
    pub rejected: Vec<String>,
    /// Addresses that appeared more than once (or were already listed), kept once above.
    pub duplicates: Vec<String>,
}

impl MailboxList {
    /// Whether anything was left out (for a "2 entries were skipped" note).
    pub fn has_leftovers(&self) -> bool {
        !self.rejected.is_empty() || !self.duplicates.is_empty()
    }
}

/// Splits `text` into mailbox addresses. `existing` are addresses already in the document: they
/// count as duplicates, so pasting into a non-empty list only adds what is new.
pub fn parse_mailbox_list(text: &str, existing: &[String]) -> MailboxList {
    let mut list = MailboxList::default();
    let mut seen: std::collections::HashSet<String> = existing
        .iter()
        .map(|mailbox| mailbox.trim().to_ascii_lowercase())
        .collect();
    for entry in text.split(['\n', '\r', ',', ';']) {
        let entry = entry.trim();
        if entry.is_empty() {
            continue;
        }
        let address = address_in(entry);
        if !is_mail_address(address) {
            list.rejected.push(entry.to_owned());
            continue;
        }
        let key = address.to_ascii_lowercase();
        if seen.insert(key) {
            list.mailboxes.push(address.to_owned());
        } else {
            list.duplicates.push(address.to_owned());
        }
    }
    list
}

/// The address of one entry: inside `<…>` when present, without a `mailto:` prefix or quotes.
fn address_in(entry: &str) -> &str {
    let inner = match (entry.rfind('<'), entry.rfind('>')) {
        (Some(open), Some(close)) if open < close => &entry[open + 1..close],
        _ => entry,
    };
    let inner = inner.trim().trim_matches(['"', '\'']).trim();
    inner
        .strip_prefix("mailto:")
        .or_else(|| inner.strip_prefix("MAILTO:"))
        .unwrap_or(inner)
        .trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_commas_semicolons_and_display_names() {
        let list = parse_mailbox_list(
            "room-101@contoso.com\r\nroom-102@contoso.com, Room 103 <room-103@contoso.com>;\n\n\
             mailto:room-104@contoso.com ; \"room-105@contoso.com\"",
            &[],
        );
        assert_eq!(
            list.mailboxes,
            [
                "room-101@contoso.com",
                "room-102@contoso.com",
                "room-103@contoso.com",
                "room-104@contoso.com",
                "room-105@contoso.com"
            ]
        );
        assert!(!list.has_leftovers());
    }

    #[test]
    fn rejects_non_addresses_and_keeps_each_address_once() {
        let list = parse_mailbox_list(
            "Room 101\nroom-101@contoso.com\nROOM-101@contoso.com\nroom-102@contoso.com",
            &["room-102@Contoso.com".to_owned()],
        );
        assert_eq!(list.mailboxes, ["room-101@contoso.com"]);
        assert_eq!(list.rejected, ["Room 101"]);
        assert_eq!(
            list.duplicates,
            ["ROOM-101@contoso.com", "room-102@contoso.com"]
        );
        assert!(list.has_leftovers());
    }
}
