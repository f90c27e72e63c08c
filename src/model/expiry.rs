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
    /// "expires in 45 days", "expires today", "expired 3 days ago".
    pub fn countdown(&self) -> String {
        match self.days_left {
            0 => "expires today".to_owned(),
            1 => "expires tomorrow".to_owned(),
            -1 => "expired yesterday".to_owned(),
            days if days < 0 => format!("expired {} days ago", -days),
            days => format!("expires in {days} days"),
        }
    }

    /// [`ExpiryStatus::countdown`] as a text that renders in any language.
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

    /// [`ExpiryStatus::advice`] as a text that renders in any language.
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

    /// What to do, in one sentence.
    pub fn advice(&self) -> &'static str {
        match self.level {
            ExpiryLevel::Overdue => {
                "ONES can no longer use this secret: create a new client secret and update ONES now."
            }
            ExpiryLevel::Critical => {
                "Renew now: create a new client secret and update ONES before it expires."
            }
            ExpiryLevel::Soon => {
                "Plan the renewal: add a reminder and create a new secret before it expires."
            }
            ExpiryLevel::Fine => "No action needed yet; add a renewal reminder.",
        }
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
    fn texts_match_the_english_words() {
        let today = date(2026, 11, 28);
        for days in [-3, -1, 0, 1, 45, 100] {
            let status = expiry_status(today + chrono::TimeDelta::days(days), today);
            assert_eq!(status.countdown_text().english(), status.countdown());
            assert_eq!(status.advice_text().english(), status.advice());
        }
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
