//! The passage of a page closest to a quote that is no longer on it, so a
//! reworded sentence can be shown next to the spec's words: the Dice
//! coefficient over word bigrams (lowercase, punctuation ignored), over
//! windows of the page's sentences, table cells and lines, and, when none is
//! close, over runs of as many words as the quote has.

use std::collections::{HashMap, HashSet};

use crate::audit::page::Page;

/// Above this similarity the closest passage is taken for a rewording.
pub const REWORDED: f64 = 0.5;

/// How many more page sentences (or lines) than the quote has a window may
/// span.
const EXTRA_WIDTH: usize = 3;

/// Quotes of up to this many words are also compared with every run of as
/// many words of the page.
const MAX_WORD_WINDOW: usize = 40;

/// A passage of a page and how similar it is to a quote.
#[derive(Debug, Clone, Copy)]
pub struct Close {
    /// Byte offset of the passage in the page's normalised text.
    pub start: usize,
    /// Its end (exclusive).
    pub end: usize,
    /// Dice similarity, 0 to 1.
    pub score: f64,
}

/// Words as numbers, so windows compare without allocating strings.
#[derive(Default)]
struct Dictionary(HashMap<String, u32>);

impl Dictionary {
    /// The words of `text` (ids) with their byte spans.
    fn words(&mut self, text: &str) -> (Vec<u32>, Vec<(usize, usize)>) {
        let mut ids = Vec::new();
        let mut spans = Vec::new();
        let mut start = None;
        let is_word = |c: char| c.is_alphanumeric() || c == '_';
        for (i, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            match (is_word(c), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    let next = u32::try_from(self.0.len()).unwrap_or(u32::MAX);
                    ids.push(*self.0.entry(text[s..i].to_lowercase()).or_insert(next));
                    spans.push((s, i));
                    start = None;
                }
                _ => {}
            }
        }
        (ids, spans)
    }
}

/// The bigrams of a run of words (a lone word counts as one).
fn bigrams(ids: &[u32]) -> Vec<u64> {
    let mut grams: Vec<u64> = match ids {
        [] => Vec::new(),
        [only] => vec![(u64::from(*only) << 32) | u64::from(u32::MAX)],
        _ => ids
            .windows(2)
            .map(|w| (u64::from(w[0]) << 32) | u64::from(w[1]))
            .collect(),
    };
    grams.sort_unstable();
    grams.dedup();
    grams
}

fn dice(target: &HashSet<u64>, grams: &[u64]) -> f64 {
    let shared = grams.iter().filter(|g| target.contains(g)).count();
    2.0 * shared as f64 / (target.len() + grams.len()).max(1) as f64
}

/// The passage of `page` most similar to `quote`.
pub fn closest(page: &Page, quote: &str) -> Option<Close> {
    let mut dict = Dictionary::default();
    let (quote_ids, _) = dict.words(quote);
    let target: HashSet<u64> = bigrams(&quote_ids).into_iter().collect();
    if target.is_empty() {
        return None;
    }
    let (ids, spans) = dict.words(&page.norm);
    // Word index range of a byte range.
    let words_in = |start: usize, end: usize| {
        let a = spans.partition_point(|w| w.0 < start);
        let b = spans.partition_point(|w| w.1 <= end);
        &ids[a..b.max(a)]
    };
    let sentences = sentence_spans(&page.norm, |i| page.norm_line(i));
    let width = sentence_spans(quote, |_| 1).len().max(1);
    let mut best: Option<Close> = None;
    for w in width..=width + EXTRA_WIDTH {
        for (i, first) in sentences.iter().enumerate() {
            let Some(last) = sentences.get(i + w - 1) else {
                break;
            };
            let (start, end) = (first.0, last.1);
            keep_better(
                &mut best,
                start,
                end,
                dice(&target, &bigrams(words_in(start, end))),
            );
        }
    }
    // A short quote may be part of a long line or sentence: when no sentence
    // is close, compare it with every run of as many words.
    let n = quote_ids.len();
    if best.map_or(true, |b| b.score < REWORDED) && (2..=MAX_WORD_WINDOW).contains(&n) {
        for (i, run) in ids.windows(n).enumerate() {
            let (start, end) = (spans[i].0, spans[i + n - 1].1);
            keep_better(&mut best, start, end, dice(&target, &bigrams(run)));
        }
    }
    best
}

fn keep_better(best: &mut Option<Close>, start: usize, end: usize, score: f64) {
    if best.map_or(true, |b| score > b.score) {
        *best = Some(Close { start, end, score });
    }
}

/// Byte spans of the sentences, table cells and lines of normalised text;
/// `line_of` gives the page line of a byte.
fn sentence_spans(text: &str, line_of: impl Fn(usize) -> u32) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let ends = match b {
            b'.' | b'!' | b'?' => bytes.get(i + 1) == Some(&b' '),
            b'|' => true,
            _ => bytes.get(i + 1) == Some(&b' ') && line_of(i) != line_of(i + 2),
        };
        if ends {
            if i + 1 > start {
                out.push((start, i + 1));
            }
            start = i + 1;
            while bytes.get(start) == Some(&b' ') {
                start += 1;
            }
        }
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_passage_is_the_reworded_sentence() {
        let page = Page::read(
            "p.txt",
            b"Intro line. The order number, up to 64 characters, made by the merchant.\nOther text here.",
        )
        .unwrap();
        let close = closest(
            &page,
            "The order number, up to 64 characters, generated by the merchant.",
        )
        .unwrap();
        assert_eq!(
            &page.norm[close.start..close.end],
            "The order number, up to 64 characters, made by the merchant."
        );
        assert!(
            close.score > REWORDED && close.score < 1.0,
            "{}",
            close.score
        );
    }

    #[test]
    fn a_short_quote_is_found_inside_a_long_line() {
        let page = Page::read(
            "p.txt",
            b"order.invoice_number string Mandatory Made by the merchant Allowed chars: any Max length: 60 (27 If you have Mandiri Acquirer) order.amount",
        )
        .unwrap();
        let close = closest(&page, "Max length: 64 (27 If you have Mandiri Acquirer)").unwrap();
        assert_eq!(
            &page.norm[close.start..close.end],
            "Max length: 60 (27 If you have Mandiri Acquirer"
        );
        assert!(close.score >= REWORDED, "{}", close.score);
    }
}
