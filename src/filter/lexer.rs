//! Tokens of the filter language, as LTTng 2.13's flex scanner cuts them.
//!
//! The rules that decide what is accepted:
//!
//! * Longest match wins; on a tie, the rule listed first upstream wins (numbers, then
//!   punctuation, then identifiers).
//! * Blanks are space, tab and newline only. `/* ... */` and `// ...` are comments; an
//!   unterminated one runs to the end of the text.
//! * Identifiers are `[A-Za-z_:]` or a `\uXXXX` / `\UXXXXXXXX` escape, then the same or
//!   digits; `$` followed by an identifier is a global identifier (`$ctx`, `$app`). A lone
//!   `:` is the colon token, which no rule of the grammar accepts.
//! * String (`"..."`) and character (`'...'`) literals hold their bytes verbatim: there
//!   are no escapes (a backslash stays, `\*` escapes a glob star later), newlines inside
//!   are dropped, and the six letters `ESCSEQ` inside a literal are an error (upstream's
//!   scanner names its escape-sequence pattern without braces, so it matches that text).
//!   An `L` prefix is allowed. A character literal must not be empty.
//! * Integer literals are decimal, octal (leading `0`) or hexadecimal (`0x`), with C
//!   suffixes (`u`, `l`, `ll` and combinations); their value is read the way upstream's
//!   `sscanf` formats read them: at most 20 decimal, 22 octal or 17 hexadecimal digits,
//!   saturating at 2^64-1; `0X` (capital) and a lone `0` with a suffix are refused.
//! * Floating literals are C's decimal and hexadecimal forms with `f`/`l` suffixes,
//!   rounded to nearest from at most their first 4096 characters.

use super::FilterError;

/// One token.
#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    /// An integer literal's value.
    Int(u64),
    /// A floating literal's value.
    Float(f64),
    /// A string or character literal's content.
    Str(String),
    /// A literal that the grammar takes as an operand but whose parser action refuses it
    /// (an escape sequence, a constant `sscanf` cannot read), with upstream's message: the
    /// refusal happens only where an operand may stand, elsewhere it is a syntax error.
    Refused(&'static str),
    /// An identifier (field or context name).
    Ident(String),
    /// `$` followed by an identifier.
    Global(String),
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// `[`
    LBracket,
    /// `]`
    RBracket,
    /// `.`
    Dot,
    /// `->`
    Arrow,
    /// `+`
    Plus,
    /// `-`
    Minus,
    /// `*`
    Star,
    /// `/`
    Slash,
    /// `%`
    Percent,
    /// `<<`
    Shl,
    /// `>>`
    Shr,
    /// `==`
    EqEq,
    /// `!=`
    NotEq,
    /// `<=`
    LessEq,
    /// `>=`
    GreaterEq,
    /// `<`
    Less,
    /// `>`
    Greater,
    /// `&&`
    AndAnd,
    /// `||`
    OrOr,
    /// `!`
    Bang,
    /// `~`
    Tilde,
    /// `^`
    Caret,
    /// `&`
    Amp,
    /// `|`
    Pipe,
    /// A token the scanner knows but no grammar rule accepts (`{`, `}`, `:=`, `:`, `;`,
    /// `...`, `=`, `,`).
    Unused(&'static str),
    /// End of the text.
    End,
}

/// Width limits of upstream's `sscanf` conversions.
const DECIMAL_WIDTH: usize = 20;
const OCTAL_WIDTH: usize = 22;
const HEX_WIDTH: usize = 17;
const FLOAT_WIDTH: usize = 4096;

/// Punctuation, longest first so that the first prefix found is the longest match.
const PUNCTUATION: &[(&str, Token)] = &[
    ("...", Token::Unused("...")),
    ("->", Token::Arrow),
    (">>", Token::Shr),
    ("<<", Token::Shl),
    ("==", Token::EqEq),
    ("!=", Token::NotEq),
    ("<=", Token::LessEq),
    (">=", Token::GreaterEq),
    ("&&", Token::AndAnd),
    ("||", Token::OrOr),
    (":=", Token::Unused(":=")),
    ("[", Token::LBracket),
    ("]", Token::RBracket),
    ("(", Token::LParen),
    (")", Token::RParen),
    ("{", Token::Unused("{")),
    ("}", Token::Unused("}")),
    ("*", Token::Star),
    ("+", Token::Plus),
    ("-", Token::Minus),
    ("%", Token::Percent),
    ("/", Token::Slash),
    ("<", Token::Less),
    (">", Token::Greater),
    ("!", Token::Bang),
    (":", Token::Unused(":")),
    (";", Token::Unused(";")),
    (".", Token::Dot),
    ("=", Token::Unused("=")),
    (",", Token::Unused(",")),
    ("^", Token::Caret),
    ("&", Token::Amp),
    ("|", Token::Pipe),
    ("~", Token::Tilde),
];

/// A scanner over one expression.
pub struct Lexer<'a> {
    text: &'a [u8],
    pos: usize,
}

impl<'a> Lexer<'a> {
    /// A scanner at the start of `text`.
    pub fn new(text: &'a str) -> Lexer<'a> {
        Lexer {
            text: text.as_bytes(),
            pos: 0,
        }
    }

    /// Byte offset of the next unread character.
    pub fn offset(&self) -> usize {
        self.pos
    }

    fn rest(&self) -> &'a [u8] {
        &self.text[self.pos..]
    }

    fn error(&self, at: usize, message: impl Into<String>) -> FilterError {
        FilterError::Syntax {
            offset: at,
            message: message.into(),
        }
    }

    /// The next token.
    pub fn next_token(&mut self) -> Result<Token, FilterError> {
        self.skip_blanks_and_comments();
        let start = self.pos;
        let rest = self.rest();
        let Some(&first) = rest.first() else {
            return Ok(Token::End);
        };
        if first == b'"' || first == b'\'' {
            return self.literal(1, first);
        }
        if first == b'L' && matches!(rest.get(1), Some(b'"' | b'\'')) {
            return self.literal(2, rest[1]);
        }
        if let Some((len, token)) = number(rest) {
            self.pos += len;
            return Ok(token.unwrap_or_else(Token::Refused));
        }
        let ident = identifier_len(rest);
        if let Some((text, token)) = PUNCTUATION
            .iter()
            .find(|(p, _)| rest.starts_with(p.as_bytes()))
        {
            // An identifier can start with ':', and beats the colon when longer.
            if ident <= text.len() {
                self.pos += text.len();
                return Ok(token.clone());
            }
        }
        if ident > 0 {
            self.pos += ident;
            return Ok(Token::Ident(ascii(&rest[..ident])));
        }
        if first == b'$' {
            let len = identifier_len(&rest[1..]);
            if len > 0 {
                self.pos += 1 + len;
                return Ok(Token::Global(ascii(&rest[..1 + len])));
            }
        }
        Err(self.error(start, format!("unexpected character {:?}", char_at(rest))))
    }

    fn skip_blanks_and_comments(&mut self) {
        loop {
            let rest = self.rest();
            match rest {
                [b' ' | b'\t' | b'\n', ..] => self.pos += 1,
                [b'/', b'*', ..] => {
                    self.pos += 2 + find(&rest[2..], b"*/").map_or(rest.len() - 2, |i| i + 2);
                }
                [b'/', b'/', ..] => {
                    self.pos += 2 + find(&rest[2..], b"\n").map_or(rest.len() - 2, |i| i + 1);
                }
                _ => return,
            }
        }
    }

    /// A string or character literal whose opening quote ends at `prefix` bytes.
    fn literal(&mut self, prefix: usize, quote: u8) -> Result<Token, FilterError> {
        let start = self.pos;
        let body = &self.rest()[prefix..];
        let end = body.iter().position(|&b| b == quote);
        let raw = &body[..end.unwrap_or(body.len())];
        // Upstream's lexer takes the text `ESCSEQ` for an escape sequence, which its parser
        // refuses as soon as it reads it, before the closing quote.
        if find(raw, b"ESCSEQ").is_some() {
            self.pos += prefix + end.map_or(body.len(), |e| e + 1);
            return Ok(Token::Refused("escape sequences not supported yet"));
        }
        let Some(end) = end else {
            return Err(self.error(start, "unterminated literal"));
        };
        let value: Vec<u8> = raw.iter().copied().filter(|&b| b != b'\n').collect();
        if quote == b'\'' && value.is_empty() {
            return Err(self.error(start, "empty character literal"));
        }
        self.pos += prefix + end + 1;
        // Quotes are ASCII and newlines are dropped whole: the value is still UTF-8.
        String::from_utf8(value)
            .map(Token::Str)
            .map_err(|_| self.error(start, "literal is not UTF-8"))
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn ascii(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

fn char_at(rest: &[u8]) -> char {
    String::from_utf8_lossy(&rest[..rest.len().min(4)])
        .chars()
        .next()
        .unwrap_or('?')
}

/// Length of the identifier at the start of `s` (0: none).
fn identifier_len(s: &[u8]) -> usize {
    let mut len = 0;
    loop {
        let rest = &s[len..];
        let step = match rest {
            [c, ..] if c.is_ascii_alphabetic() || *c == b'_' || *c == b':' => 1,
            [c, ..] if c.is_ascii_digit() && len > 0 => 1,
            [b'\\', b'u', ..] if hex_run(&rest[2..]) >= 4 => 6,
            [b'\\', b'U', ..] if hex_run(&rest[2..]) >= 8 => 10,
            _ => return len,
        };
        len += step;
    }
}

fn run(s: &[u8], pred: impl Fn(u8) -> bool) -> usize {
    s.iter().take_while(|&&b| pred(b)).count()
}

fn digit_run(s: &[u8]) -> usize {
    run(s, |b| b.is_ascii_digit())
}

fn hex_run(s: &[u8]) -> usize {
    run(s, |b| b.is_ascii_hexdigit())
}

/// Longest C integer suffix (`u`, `l`, `ll`, in either case and order) at the start of `s`.
fn int_suffix_len(s: &[u8]) -> usize {
    let longs = |s: &[u8]| match s {
        [b'l', b'l', ..] | [b'L', b'L', ..] => 2,
        [b'l' | b'L', ..] => 1,
        _ => 0,
    };
    let is_u = |s: &[u8]| matches!(s.first(), Some(b'u' | b'U'));
    let mut best = 0;
    if is_u(s) {
        best = 1;
        let l = longs(&s[1..]);
        if l > 0 {
            best = 1 + l;
        }
    }
    let l = longs(s);
    if l > 0 {
        best = best.max(if is_u(&s[l..]) { l + 1 } else { l });
    }
    best
}

/// Length of a decimal exponent (`e[+-]digits`) at the start of `s` (0: none).
fn exponent_len(s: &[u8], letters: [u8; 2]) -> usize {
    match s {
        [e, rest @ ..] if letters.contains(e) => {
            let sign = usize::from(matches!(rest.first(), Some(b'+' | b'-')));
            let digits = digit_run(&rest[sign..]);
            if digits > 0 { 1 + sign + digits } else { 0 }
        }
        _ => 0,
    }
}

fn float_suffix_len(s: &[u8]) -> usize {
    usize::from(matches!(s.first(), Some(b'f' | b'F' | b'l' | b'L')))
}

/// What kind of number a matched token is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum NumberKind {
    Hex,
    Octal,
    Decimal,
    Float,
}

/// The longest number token at the start of `s`, with its value (or why upstream refuses
/// it). Among equal lengths the integer rules win, as they come first upstream.
fn number(s: &[u8]) -> Option<(usize, Result<Token, &'static str>)> {
    let mut candidates: Vec<(usize, NumberKind)> = Vec::new();
    let hex_prefix = matches!(s, [b'0', b'x' | b'X', ..]);
    let digits = digit_run(s);
    // Integers.
    if hex_prefix {
        let h = hex_run(&s[2..]);
        if h > 0 {
            let n = 2 + h;
            candidates.push((n + int_suffix_len(&s[n..]), NumberKind::Hex));
        }
    }
    if s.first() == Some(&b'0') {
        let n = 1 + run(&s[1..], |b| (b'0'..=b'7').contains(&b));
        candidates.push((n + int_suffix_len(&s[n..]), NumberKind::Octal));
    }
    if matches!(s.first(), Some(b'1'..=b'9')) {
        candidates.push((digits + int_suffix_len(&s[digits..]), NumberKind::Decimal));
    }
    // Decimal floats: digits exponent | digits? . digits exponent? | digits . digits? exponent?
    if digits > 0 {
        let e = exponent_len(&s[digits..], [b'e', b'E']);
        if e > 0 {
            let n = digits + e;
            candidates.push((n + float_suffix_len(&s[n..]), NumberKind::Float));
        }
    }
    if s.get(digits) == Some(&b'.') {
        let frac = digit_run(&s[digits + 1..]);
        if digits > 0 || frac > 0 {
            let mut n = digits + 1 + frac;
            n += exponent_len(&s[n..], [b'e', b'E']);
            candidates.push((n + float_suffix_len(&s[n..]), NumberKind::Float));
        }
    }
    // Hexadecimal floats: 0x hex binary-exponent | 0x hex? . hex exp? | 0x hex . hex? exp?
    if hex_prefix {
        let int = hex_run(&s[2..]);
        let after_int = 2 + int;
        if int > 0 {
            let p = exponent_len(&s[after_int..], [b'p', b'P']);
            if p > 0 {
                let n = after_int + p;
                candidates.push((n + float_suffix_len(&s[n..]), NumberKind::Float));
            }
        }
        if s.get(after_int) == Some(&b'.') {
            let frac = hex_run(&s[after_int + 1..]);
            if int > 0 || frac > 0 {
                let mut n = after_int + 1 + frac;
                n += exponent_len(&s[n..], [b'p', b'P']);
                candidates.push((n + float_suffix_len(&s[n..]), NumberKind::Float));
            }
        }
    }
    // Longest; the first candidate of that length on ties.
    let (len, kind) = candidates.iter().copied().fold(
        None,
        |best: Option<(usize, NumberKind)>, c| match best {
            Some(b) if b.0 >= c.0 => Some(b),
            _ => Some(c),
        },
    )?;
    let text = &s[..len];
    let value = match kind {
        NumberKind::Hex => hex_value(text),
        NumberKind::Octal => octal_value(text),
        NumberKind::Decimal => Ok(Token::Int(saturating_digits(text, 10, DECIMAL_WIDTH))),
        NumberKind::Float => Ok(Token::Float(float_value(text))),
    };
    Some((len, value))
}

/// Value of the leading digits of `s` in `radix`, reading at most `width` of them and
/// saturating (what `strtoull`, and so `sscanf`, do).
fn saturating_digits(s: &[u8], radix: u32, width: usize) -> u64 {
    let mut value: u64 = 0;
    for &b in s.iter().take(width) {
        let Some(d) = char::from(b).to_digit(radix) else {
            break;
        };
        value = value
            .checked_mul(u64::from(radix))
            .and_then(|v| v.checked_add(u64::from(d)))
            .unwrap_or(u64::MAX);
        if value == u64::MAX {
            // Saturated: later digits cannot lower it.
            continue;
        }
    }
    value
}

fn hex_value(text: &[u8]) -> Result<Token, &'static str> {
    // Upstream reads with "0x%17" SCNx64: the prefix must be lowercase.
    if !text.starts_with(b"0x") {
        return Err("cannot scanf hexadecimal constant");
    }
    Ok(Token::Int(saturating_digits(&text[2..], 16, HEX_WIDTH)))
}

fn octal_value(text: &[u8]) -> Result<Token, &'static str> {
    if text == b"0" {
        return Ok(Token::Int(0));
    }
    // Upstream reads with "0%22" SCNo64: at least one octal digit must follow the 0.
    let body = &text[1..];
    if !matches!(body.first(), Some(b'0'..=b'7')) {
        return Err("cannot scanf octal constant");
    }
    Ok(Token::Int(saturating_digits(body, 8, OCTAL_WIDTH)))
}

/// Value of a floating literal as `sscanf("%4096lg")` reads it: the longest floating
/// prefix of its first 4096 characters, correctly rounded.
fn float_value(text: &[u8]) -> f64 {
    let text = &text[..text.len().min(FLOAT_WIDTH)];
    if let [b'0', b'x' | b'X', rest @ ..] = text {
        let int = hex_run(rest);
        let frac = if rest.get(int) == Some(&b'.') {
            hex_run(&rest[int + 1..])
        } else {
            0
        };
        if int + frac > 0 {
            let frac_start = int + usize::from(frac > 0 || rest.get(int) == Some(&b'.'));
            let after = frac_start + frac;
            let exp = parse_exponent(&rest[after..], [b'p', b'P']);
            return hex_float(&rest[..int], &rest[frac_start..after], exp);
        }
        // "0x" without digits: only the "0" is a number.
        return 0.0;
    }
    let int = digit_run(text);
    let (frac_digits, after) = if text.get(int) == Some(&b'.') {
        let f = digit_run(&text[int + 1..]);
        (&text[int + 1..int + 1 + f], int + 1 + f)
    } else {
        (&text[..0], int)
    };
    let exp = parse_exponent(&text[after..], [b'e', b'E']);
    let int_digits = if int > 0 {
        ascii(&text[..int])
    } else {
        "0".into()
    };
    let frac_digits = if frac_digits.is_empty() {
        "0".into()
    } else {
        ascii(frac_digits)
    };
    // Every part is plain ASCII digits: the standard parser rounds correctly.
    format!("{int_digits}.{frac_digits}e{exp}")
        .parse()
        .unwrap_or(0.0)
}

/// A decimal exponent after `letters` at the start of `s`, clamped (0 when absent).
fn parse_exponent(s: &[u8], letters: [u8; 2]) -> i64 {
    let len = exponent_len(s, letters);
    if len == 0 {
        return 0;
    }
    let negative = s[1] == b'-';
    let digits = &s[1 + usize::from(matches!(s[1], b'+' | b'-'))..len];
    let magnitude = digits.iter().fold(0i64, |acc, &d| {
        acc.saturating_mul(10)
            .saturating_add(i64::from(d - b'0'))
            .min(1 << 40)
    });
    if negative { -magnitude } else { magnitude }
}

/// `0x<int>.<frac>p<exp>`, rounded to nearest, ties to even, with subnormals.
fn hex_float(int: &[u8], frac: &[u8], exp: i64) -> f64 {
    let digits = int.iter().chain(frac.iter()).map(|&b| {
        // Only hex digits reach here.
        u64::from(char::from(b).to_digit(16).unwrap_or(0))
    });
    let mut mantissa: u64 = 0;
    let mut taken = 0usize; // significant digits in `mantissa`
    let mut dropped = 0i64; // significant digits after those
    let mut sticky = false;
    for d in digits {
        if taken == 0 && d == 0 {
            continue;
        }
        if taken < 16 {
            mantissa = (mantissa << 4) | d;
            taken += 1;
        } else {
            dropped += 1;
            sticky |= d != 0;
        }
    }
    if mantissa == 0 {
        return 0.0;
    }
    // value = mantissa * 2^e2 (+ sticky below the last bit)
    let lz = mantissa.leading_zeros();
    let mantissa = mantissa << lz;
    let e2 = exp - 4 * frac.len() as i64 + 4 * dropped - i64::from(lz);
    // value = 1.xxx * 2^top
    let top = e2 + 63;
    if top > 1023 {
        return f64::INFINITY;
    }
    let keep = if top >= -1022 { 53 } else { top + 1075 };
    if keep < 0 {
        return 0.0;
    }
    if keep == 0 {
        // Between 2^-1075 (half the smallest subnormal) and 2^-1074.
        let above_half = mantissa != 1 << 63 || sticky;
        return if above_half { f64::from_bits(1) } else { 0.0 };
    }
    let drop = 64 - keep as u32;
    let mut q = mantissa >> drop;
    let rem = mantissa & ((1u64 << drop) - 1);
    let half = 1u64 << (drop - 1);
    if rem > half || (rem == half && (sticky || q & 1 == 1)) {
        q += 1;
    }
    // Adding the fields lets a rounding carry move into the exponent.
    let bits = if keep == 53 {
        (((top + 1023) as u64) << 52) + (q - (1 << 52))
    } else {
        q
    };
    if bits >= 0x7ff0_0000_0000_0000 {
        f64::INFINITY
    } else {
        f64::from_bits(bits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Result<Vec<Token>, FilterError> {
        let mut lexer = Lexer::new(text);
        let mut out = Vec::new();
        loop {
            match lexer.next_token()? {
                Token::End => return Ok(out),
                t => out.push(t),
            }
        }
    }

    #[test]
    fn longest_match_and_ties() {
        assert_eq!(
            tokens("a->b >>= :: : := :a ...").unwrap(),
            [
                Token::Ident("a".into()),
                Token::Arrow,
                Token::Ident("b".into()),
                Token::Shr,
                Token::Unused("="),
                Token::Ident("::".into()),
                Token::Unused(":"),
                Token::Unused(":="),
                Token::Ident(":a".into()),
                Token::Unused("..."),
            ]
        );
        assert_eq!(
            tokens(r"a\u0041b \U0001F600 $ctx.x").unwrap(),
            [
                Token::Ident(r"a\u0041b".into()),
                Token::Ident(r"\U0001F600".into()),
                Token::Global("$ctx".into()),
                Token::Dot,
                Token::Ident("x".into()),
            ]
        );
        assert!(tokens(r"a\u12").is_err());
        assert!(tokens("$").is_err());
        assert!(tokens("a\r").is_err());
    }

    #[test]
    fn literals_are_verbatim() {
        assert_eq!(
            tokens("\"a\\*\n\" L'x\"y' \"\"").unwrap(),
            [
                Token::Str("a\\*".into()),
                Token::Str("x\"y".into()),
                Token::Str(String::new())
            ]
        );
        assert!(tokens("''").is_err());
        // Refused by the parser where an operand may stand, even unterminated.
        for text in ["\"ESCSEQ\"", "'xESCSEQ", "\"aESCSEQ"] {
            assert_eq!(
                tokens(text).unwrap(),
                [Token::Refused("escape sequences not supported yet")]
            );
        }
        assert!(tokens("\"abc").is_err());
    }

    #[test]
    fn comments_run_to_the_end() {
        assert_eq!(tokens("a /* x").unwrap(), [Token::Ident("a".into())]);
        assert_eq!(
            tokens("a // x\nb").unwrap(),
            [Token::Ident("a".into()), Token::Ident("b".into())]
        );
        assert_eq!(tokens("a //").unwrap(), [Token::Ident("a".into())]);
    }

    #[test]
    fn integers_read_like_scanf() {
        let int = |t: &str| match tokens(t) {
            Ok(v) if v.len() == 1 => match v[0] {
                Token::Int(n) => Some(n),
                _ => None,
            },
            _ => None,
        };
        assert_eq!(int("017"), Some(15));
        assert_eq!(int("00u"), Some(0));
        assert_eq!(int("0u"), None);
        assert_eq!(int("0x1fUL"), Some(31));
        assert_eq!(int("0X1F"), None);
        assert_eq!(int("1llu"), Some(1));
        assert_eq!(int("99999999999999999999"), Some(u64::MAX));
        assert_eq!(int("123456789012345678901"), Some(12345678901234567890));
        assert_eq!(int("0x12345678901234567"), Some(u64::MAX));
        assert_eq!(int("02000000000000000000000"), Some(u64::MAX));
        assert_eq!(tokens("1lL").unwrap().len(), 2);
        assert_eq!(tokens("08").unwrap(), [Token::Int(0), Token::Int(8)]);
    }

    #[test]
    fn floats_round_like_strtod() {
        let float = |t: &str| match tokens(t).unwrap().as_slice() {
            [Token::Float(f)] => f.to_bits(),
            other => panic!("{t}: {other:?}"),
        };
        assert_eq!(float("1."), 1.0f64.to_bits());
        assert_eq!(float(".5"), 0.5f64.to_bits());
        assert_eq!(float("1.e5f"), 1e5f64.to_bits());
        assert_eq!(float("0x.8"), 0.5f64.to_bits());
        assert_eq!(float("0x1.8f"), 0x3ff8_f000_0000_0000);
        assert_eq!(float("0x1p-1074"), 1);
        assert_eq!(float("0x1p-1075"), 0);
        assert_eq!(float("0x1.8p-1075"), 1);
        assert_eq!(float("0x1.00000000000008p0"), 1.0f64.to_bits());
        assert_eq!(float("0x1.000000000000081p0"), 0x3ff0_0000_0000_0001);
        assert_eq!(float("0x1.fffffffffffff8p1023"), f64::INFINITY.to_bits());
        assert_eq!(float("0x1.fffffffffffff7ffp1023"), 0x7fef_ffff_ffff_ffff);
        assert_eq!(float("0x.00000000000000000000001p0"), 0x3a30_0000_0000_0000);
        assert_eq!(float("1e999"), f64::INFINITY.to_bits());
        assert_eq!(float("0x1p99999999999999999999"), f64::INFINITY.to_bits());
        // Only the first 4096 characters count.
        let long = format!("1{}.5", "0".repeat(5000));
        assert_eq!(float(&long), f64::INFINITY.to_bits());
        let long = format!("0x1.{}1p1", "0".repeat(4200));
        assert_eq!(float(&long), 1.0f64.to_bits());
    }
}
