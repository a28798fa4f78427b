//! Messages in the user's language: English and Chinese catalogues in Fluent
//! (`en.ftl`, `zh.ftl`, compiled into the binary), read through `fluent-bundle`.
//!
//! Takes a message key and named arguments; gives the text in the current
//! language (set once at startup by [`set_lang`]), falling back to English, then
//! to the key itself, so a missing text never panics. A test fails when a key
//! has no text in either language, or when code uses a key the catalogues lack.
//!
//! The API other modules call:
//! ```
//! use salesflow::t;
//! let line = t!("check-summary", flows = 1, files = 2, errors = 0, warnings = 0);
//! assert!(line.starts_with("checked 1 flow"));
//! ```
//! `t!("key")` or `t!("key", name = value, …)` in the current language;
//! [`tr_in`] in a given one (for tests, and for text that must stay English).
//! Arguments are numbers (plurals are chosen in the catalogue: `{ $n -> [one] …
//! *[other] … }`) or anything that displays. Keys are kebab-case, prefixed by
//! the area that owns them (`check-`, `plan-`, `error-`, `help-`, …). Codes,
//! JSON keys and rule keywords are never translated.

use std::borrow::Cow;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// The English catalogue.
pub const EN: &str = include_str!("en.ftl");
/// The Chinese catalogue.
pub const ZH: &str = include_str!("zh.ftl");

/// Languages of the messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Chinese (simplified).
    Zh,
}

impl Lang {
    /// Every language, English (the fallback) first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The language of the locale: `zh*` in the first of `LC_ALL`,
    /// `LC_MESSAGES`, `LANG` that is set and not empty is Chinese, anything
    /// else English.
    pub fn from_locale() -> Lang {
        let var = |name| std::env::var(name).ok().filter(|v| !v.is_empty());
        let locale = var("LC_ALL")
            .or_else(|| var("LC_MESSAGES"))
            .or_else(|| var("LANG"));
        match locale {
            Some(l) if l.to_ascii_lowercase().starts_with("zh") => Lang::Zh,
            _ => Lang::En,
        }
    }

    fn catalogue(self) -> &'static str {
        match self {
            Lang::En => EN,
            Lang::Zh => ZH,
        }
    }

    fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Sets the language of [`t!`] for the rest of the process.
pub fn set_lang(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::Relaxed);
}

/// The language [`t!`] writes in.
pub fn lang() -> Lang {
    if CURRENT.load(Ordering::Relaxed) == Lang::Zh as u8 {
        Lang::Zh
    } else {
        Lang::En
    }
}

/// Named arguments of a message.
pub type Args<'a> = FluentArgs<'a>;

/// A value an argument can take: numbers stay numbers (for plurals), anything
/// else is its text.
pub trait Arg {
    /// The Fluent value.
    fn arg(&self) -> FluentValue<'static>;
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl Arg for $t {
            #[allow(clippy::cast_precision_loss, clippy::cast_lossless, reason = "counts shown to people")]
            fn arg(&self) -> FluentValue<'static> {
                FluentValue::from(*self as f64)
            }
        }
    )*};
}
number_args!(usize, u32, u64, i32, i64, f64);

impl Arg for str {
    fn arg(&self) -> FluentValue<'static> {
        FluentValue::from(self.to_string())
    }
}

impl Arg for String {
    fn arg(&self) -> FluentValue<'static> {
        FluentValue::from(self.clone())
    }
}

impl Arg for Cow<'_, str> {
    fn arg(&self) -> FluentValue<'static> {
        FluentValue::from(self.to_string())
    }
}

impl Arg for std::path::Path {
    fn arg(&self) -> FluentValue<'static> {
        FluentValue::from(self.display().to_string())
    }
}

impl Arg for std::path::PathBuf {
    fn arg(&self) -> FluentValue<'static> {
        self.as_path().arg()
    }
}

impl<T: Arg + ?Sized> Arg for &T {
    fn arg(&self) -> FluentValue<'static> {
        (**self).arg()
    }
}

/// The message `key` in the current language.
pub fn tr(key: &str, args: &Args<'_>) -> String {
    tr_in(lang(), key, args)
}

/// The message `key` in `lang`; English when `lang` lacks it; the key when both do.
pub fn tr_in(lang: Lang, key: &str, args: &Args<'_>) -> String {
    format(lang, key, args)
        .or_else(|| format(Lang::En, key, args))
        .unwrap_or_else(|| key.to_string())
}

/// Whether `lang`'s catalogue has a text for `key`.
pub fn has(lang: Lang, key: &str) -> bool {
    bundle(lang).has_message(key)
}

fn format(lang: Lang, key: &str, args: &Args<'_>) -> Option<String> {
    let bundle = bundle(lang);
    let pattern = bundle.get_message(key)?.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(args), &mut errors);
    Some(text.into_owned())
}

type Bundle = FluentBundle<FluentResource>;

fn bundle(lang: Lang) -> &'static Bundle {
    static BUNDLES: [OnceLock<Bundle>; 2] = [OnceLock::new(), OnceLock::new()];
    BUNDLES[lang as usize].get_or_init(|| build(lang))
}

fn build(lang: Lang) -> Bundle {
    let id = lang
        .tag()
        .parse()
        .unwrap_or_else(|_| unic_langid::LanguageIdentifier::default());
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Unicode isolation marks around arguments would reach terminals and files.
    bundle.set_use_isolating(false);
    // The catalogues are part of the binary and checked by tests; a broken
    // entry is skipped rather than taking every message down with it.
    let resource = match FluentResource::try_new(lang.catalogue().to_string()) {
        Ok(r) | Err((r, _)) => r,
    };
    let _ = bundle.add_resource(resource);
    bundle
}

/// A kind of thing named in a diagnostic (`stage`, `health state`, a type such
/// as `duration`) in the current language: `noun-<word>` of the catalogue, the
/// word itself when it has none.
pub fn noun(word: &str) -> String {
    let key = format!("noun-{}", word.replace(' ', "-"));
    let lang = lang();
    if has(lang, &key) {
        tr_in(lang, &key, &Args::new())
    } else {
        word.to_string()
    }
}

/// The weekday's short name: `Tue`, `周二`.
pub fn weekday(day: chrono::Weekday) -> String {
    use chrono::Weekday;
    match day {
        Weekday::Mon => crate::t!("weekday-mon"),
        Weekday::Tue => crate::t!("weekday-tue"),
        Weekday::Wed => crate::t!("weekday-wed"),
        Weekday::Thu => crate::t!("weekday-thu"),
        Weekday::Fri => crate::t!("weekday-fri"),
        Weekday::Sat => crate::t!("weekday-sat"),
        Weekday::Sun => crate::t!("weekday-sun"),
    }
}

/// `t!("key")`, `t!("key", name = value, …)`: the message in the current language.
#[macro_export]
macro_rules! t {
    ($key:literal $(, $name:ident = $value:expr)* $(,)?) => {{
        #[allow(unused_mut)]
        let mut args = $crate::i18n::Args::new();
        $( args.set(stringify!($name), $crate::i18n::Arg::arg(&$value)); )*
        $crate::i18n::tr($key, &args)
    }};
}

/// The text of a catalogue key in a given language (reports made in a language
/// other than the command's): `t_in!(lang, "key", name = value, …)`.
#[macro_export]
macro_rules! t_in {
    ($lang:expr, $key:literal $(, $name:ident = $value:expr)* $(,)?) => {{
        #[allow(unused_mut)]
        let mut args = $crate::i18n::Args::new();
        $( args.set(stringify!($name), $crate::i18n::Arg::arg(&$value)); )*
        $crate::i18n::tr_in($lang, $key, &args)
    }};
}

#[cfg(test)]
mod tests;
