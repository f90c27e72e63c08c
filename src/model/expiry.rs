//! How close a client secret is to expiry, with the thresholds the Review screen, the reminder
//! and `ones-m365 check` share: overdue, under 30 days, under 90 days. When a secret expires, ONES
//! silently stops syncing rooms, so these are deliberately early.

use chrono::NaiveDate;
use serde::Serialize;

use crate::i18n::Text;

/// Fewer days than this left: renew now.
pub const CRITICAL_DAYS: i64 = 30;
/// Fewer days than this left: plan the renewal.
pub const SOON_DAYS: i64 = 90;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ExpiryLevel {
    /// The secret has expired.
    Overdue,
    /// Under 30 days left (including "expires today").
    Critical,
    /// Under 90 days left.
    Soon,
    Fine,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ExpiryStatus {
    pub expires_on: NaiveDate,
    /// Negative once expired.
    pub days_left: i64,
    pub level: ExpiryLevel,
}

pub fn expiry_status(expires_on: NaiveDate, today: NaiveDate) -> ExpiryStatus {
    let days_left = (expires_on - today).num_days();
    let level = if days_left < 0 {
        ExpiryLevel::Overdue
    } else if days_left < CRITICAL_DAYS {
        ExpiryLevel::Critical
    } else if days_left < SOON_DAYS {
        ExpiryLevel::Soon
    } else {
        ExpiryLevel::Fine
    };
    ExpiryStatus {
        expires_on,
        days_left,
        level,
    }
}

impl ExpiryStatus {
    /// "expires in 45 days", "expires today", "expired 3 days ago", in English (JSON, reports): the
    /// catalogue's.
    pub fn countdown(&self) -> String {
        self.countdown_text().english()
    }

    /// "expires in 45 days", in any language.
    pub fn countdown_text(&self) -> Text {
        match self.days_left {
            0 => Text::new("model.expiry.today"),
            1 => Text::new("model.expiry.tomorrow"),
            -1 => Text::new("model.expiry.yesterday"),
            days if days < 0 => Text::new("model.expiry.days_ago").arg("days", -days),
            days => Text::new("model.expiry.in_days").arg("days", days),
        }
    }

    /// [`ExpiryStatus::countdown`] in the current language.
    pub fn localized_countdown(&self) -> String {
        self.countdown_text().localized()
    }

    /// What to do, in one sentence, in any language.
    pub fn advice_text(&self) -> Text {
        Text::new(match self.level {
            ExpiryLevel::Overdue => "model.expiry.advice.overdue",
            ExpiryLevel::Critical => "model.expiry.advice.critical",
            ExpiryLevel::Soon => "model.expiry.advice.soon",
            ExpiryLevel::Fine => "model.expiry.advice.fine",
        })
    }

    /// [`ExpiryStatus::advice`] in the current language.
    pub fn localized_advice(&self) -> String {
        self.advice_text().localized()
    }

    /// What to do, in one sentence, in English (JSON, reports): the catalogue's.
    pub fn advice(&self) -> String {
        self.advice_text().english()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn thresholds() {
        let today = date(2026, 11, 28);
        let level = |expires| expiry_status(expires, today).level;
        assert_eq!(level(date(2026, 11, 27)), ExpiryLevel::Overdue);
        assert_eq!(level(date(2026, 11, 28)), ExpiryLevel::Critical);
        assert_eq!(level(date(2026, 12, 27)), ExpiryLevel::Critical, "29 days");
        assert_eq!(level(date(2026, 12, 28)), ExpiryLevel::Soon, "30 days");
        assert_eq!(level(date(2027, 2, 25)), ExpiryLevel::Soon, "89 days");
        assert_eq!(level(date(2027, 2, 26)), ExpiryLevel::Fine, "90 days");
    }

    #[test]
    fn the_countdown_reads_naturally() {
        let today = date(2026, 11, 28);
        let countdown =
            |days| expiry_status(today + chrono::TimeDelta::days(days), today).countdown();
        assert_eq!(countdown(-3), "expired 3 days ago");
        assert_eq!(countdown(-1), "expired yesterday");
        assert_eq!(countdown(0), "expires today");
        assert_eq!(countdown(1), "expires tomorrow");
        assert_eq!(countdown(45), "expires in 45 days");
    }

    #[test]
    fn countdown_words() {
        let today = date(2026, 11, 28);
        assert_eq!(
            expiry_status(date(2026, 11, 25), today).countdown(),
            "expired 3 days ago"
        );
        assert_eq!(expiry_status(today, today).countdown(), "expires today");
        assert_eq!(
            expiry_status(date(2027, 1, 12), today).countdown(),
            "expires in 45 days"
        );
    }
}
