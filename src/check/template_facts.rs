//! What a template does, read from its MiniJinja syntax tree: the variables it
//! reads (and whether each read is guarded against the variable being undefined),
//! the filters and tests it applies. Takes the template's text; gives [`Facts`],
//! or why it cannot be used ([`Problem`]), before anything renders it.
//!
//! Size and nesting are bounded before MiniJinja sees the text: its parser and
//! compiler recurse once per operator of an expression (a `{{ x | upper | upper
//! … }}` of 100,000 filters, or 30,000 `-`, overflows any thread's stack), so a
//! tag with more operators than [`MAX_OPERATORS`] is refused by counting.
//!
//! A read is *guarded* when the template copes with the variable being undefined
//! at run time (PRODUCT.md renders strictly): `{{ topic | default("…") }}`, a
//! read inside `{% if topic %}…{% endif %}` or `x if topic else y`, a test
//! `topic is defined`, and the bare tests themselves.

use std::collections::BTreeMap;
use std::ops::Range;

use minijinja::machinery::ast::{self, Expr, Stmt};

/// The largest template: a message of 64 KiB is no message anyone reads.
pub const MAX_TEMPLATE_BYTES: usize = 64 * 1024;

/// Most operators (`|`, `.`, `-`, `not`, `(` …) in one `{{ … }}` or `{% … %}`:
/// ample for any message, and far below the nesting that MiniJinja's recursive
/// parser survives on a small thread.
pub const MAX_OPERATORS: usize = 256;

/// A variable read, as `head` or `head.attribute`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read {
    /// `topic`, `customer.estimated_margin`.
    pub path: String,
    /// Where it is first read (byte offsets into the template).
    pub at: Range<usize>,
    /// Where it is first read unguarded, if it ever is.
    pub unguarded: Option<Range<usize>>,
}

/// What a template reads and applies.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// Free variables read (not set or bound by the template), by path.
    pub reads: Vec<Read>,
    /// Filters applied, each with where it is first applied.
    pub filters: Vec<(String, Range<usize>)>,
    /// Tests applied (`is defined`), each with where it is first applied.
    pub tests: Vec<(String, Range<usize>)>,
}

/// Why a template cannot be used.
#[derive(Debug)]
pub enum Problem {
    /// MiniJinja's syntax error.
    Syntax(minijinja::Error),
    /// Larger than [`MAX_TEMPLATE_BYTES`].
    TooLarge {
        /// Its size.
        bytes: usize,
    },
    /// A tag with more than [`MAX_OPERATORS`] operators.
    TooComplex {
        /// Operators counted in the tag.
        operators: usize,
        /// The tag (byte offsets into the template).
        at: Range<usize>,
    },
}

/// The facts of a template, or why it cannot be used.
pub fn analyse(text: &str) -> Result<Facts, Problem> {
    bounded(text)?;
    let tree = minijinja::machinery::parse(
        text,
        "<template>",
        minijinja::syntax::SyntaxConfig,
        minijinja::machinery::WhitespaceConfig::default(),
    )
    .map_err(Problem::Syntax)?;
    let mut walk = Walk::default();
    walk.scopes.push(Vec::new());
    walk.stmt(&tree);
    Ok(walk.finish())
}

/// Refuses a template too large, or with a tag of too many operators.
fn bounded(text: &str) -> Result<(), Problem> {
    if text.len() > MAX_TEMPLATE_BYTES {
        return Err(Problem::TooLarge { bytes: text.len() });
    }
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(open) = memchr::memchr(b'{', &bytes[i..]).map(|n| i + n) {
        let close: &[u8] = match bytes.get(open + 1) {
            Some(b'{') => b"}}",
            Some(b'%') => b"%}",
            Some(b'#') => {
                // A comment: skipped whole.
                i = memchr::memmem::find(&bytes[open + 2..], b"#}")
                    .map_or(bytes.len(), |n| open + 2 + n + 2);
                continue;
            }
            _ => {
                i = open + 1;
                continue;
            }
        };
        let (end, operators) = operators_until(bytes, open + 2, close);
        if operators > MAX_OPERATORS {
            return Err(Problem::TooComplex {
                operators,
                at: open..end,
            });
        }
        i = end;
    }
    Ok(())
}

/// Counts the operators of a tag's content from `from` to its `close`, strings
/// skipped: where the tag ends and how many.
fn operators_until(bytes: &[u8], from: usize, close: &[u8]) -> (usize, usize) {
    let mut operators = 0;
    let mut i = from;
    let mut word_start = None;
    while i < bytes.len() {
        let b = bytes[i];
        if bytes[i..].starts_with(close) {
            return (i + close.len(), operators);
        }
        if b.is_ascii_alphanumeric() || b == b'_' {
            word_start.get_or_insert(i);
            i += 1;
            continue;
        }
        if let Some(start) = word_start.take() {
            operators += usize::from(is_word_operator(&bytes[start..i]));
        }
        match b {
            b'"' | b'\'' => {
                // To the closing quote; a backslash escapes the next byte.
                i += 1;
                while i < bytes.len() && bytes[i] != b {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'-' | b'+' | b'*' | b'/' | b'%' | b'~' | b'|' | b'.' | b'[' | b'(' | b'{' | b'<'
            | b'>' | b'=' | b'!' | b',' | b':' => operators += 1,
            _ => {}
        }
        i += 1;
    }
    if let Some(start) = word_start {
        operators += usize::from(is_word_operator(&bytes[start..]));
    }
    (bytes.len(), operators)
}

fn is_word_operator(word: &[u8]) -> bool {
    matches!(
        word,
        b"not" | b"and" | b"or" | b"is" | b"in" | b"if" | b"else"
    )
}

/// The state of a walk over a template's tree.
#[derive(Default)]
struct Walk<'a> {
    /// Names bound by the template (`set`, `for`, `with`, macro arguments), by scope.
    scopes: Vec<Vec<&'a str>>,
    /// Paths known to be defined where the walk is (`{% if topic %}` …).
    guards: Vec<String>,
    reads: BTreeMap<String, Read>,
    filters: BTreeMap<&'a str, Range<usize>>,
    tests: BTreeMap<&'a str, Range<usize>>,
}

fn range(span: minijinja::machinery::Span) -> Range<usize> {
    span.start_offset as usize..span.end_offset as usize
}

/// The path of a read: a variable, or a variable's attribute (`customer.name`;
/// deeper attributes count as the first), with the span of the whole chain.
fn path_of<'e>(e: &'e Expr<'_>) -> Option<(&'e str, Option<&'e str>)> {
    match e {
        Expr::Var(v) => Some((v.id, None)),
        Expr::GetAttr(g) => {
            let (head, attr) = path_of(&g.expr)?;
            Some((head, Some(attr.unwrap_or(g.name))))
        }
        Expr::GetItem(g) => {
            let (head, attr) = path_of(&g.expr)?;
            if attr.is_some() {
                return Some((head, attr));
            }
            match &g.subscript_expr {
                Expr::Const(c) => Some((head, c.value.as_str())),
                _ => None,
            }
        }
        _ => None,
    }
}

fn joined(head: &str, attr: Option<&str>) -> String {
    attr.map_or_else(|| head.to_string(), |a| format!("{head}.{a}"))
}

impl<'a> Walk<'a> {
    fn finish(self) -> Facts {
        Facts {
            reads: self.reads.into_values().collect(),
            filters: self
                .filters
                .into_iter()
                .map(|(n, r)| (n.to_string(), r))
                .collect(),
            tests: self
                .tests
                .into_iter()
                .map(|(n, r)| (n.to_string(), r))
                .collect(),
        }
    }

    fn bound(&self, name: &str) -> bool {
        self.scopes.iter().any(|s| s.contains(&name))
    }

    fn bind(&mut self, target: &Expr<'a>) {
        match target {
            Expr::Var(v) => {
                if let Some(scope) = self.scopes.last_mut() {
                    scope.push(v.id);
                }
            }
            Expr::List(l) => l.items.iter().for_each(|x| self.bind(x)),
            _ => {}
        }
    }

    /// Runs `f` in a new scope, with `names` bound.
    fn scoped(&mut self, names: &[&'a str], f: impl FnOnce(&mut Self)) {
        self.scopes.push(names.to_vec());
        f(self);
        self.scopes.pop();
    }

    /// Runs `f` with `paths` known to be defined.
    fn guarded(&mut self, paths: Vec<String>, f: impl FnOnce(&mut Self)) {
        let before = self.guards.len();
        self.guards.extend(paths);
        f(self);
        self.guards.truncate(before);
    }

    fn body(&mut self, stmts: &[Stmt<'a>]) {
        for s in stmts {
            self.stmt(s);
        }
    }

    fn stmt(&mut self, s: &Stmt<'a>) {
        match s {
            Stmt::Template(t) => self.body(&t.children),
            Stmt::EmitExpr(e) => self.expr(&e.expr, false),
            Stmt::EmitRaw(_) => {}
            Stmt::ForLoop(f) => {
                self.expr(&f.iter, false);
                self.scoped(&["loop"], |w| {
                    w.bind(&f.target);
                    if let Some(filter) = &f.filter_expr {
                        w.expr(filter, true);
                    }
                    w.body(&f.body);
                });
                self.body(&f.else_body);
            }
            Stmt::IfCond(c) => {
                self.expr(&c.expr, true);
                let (yes, no) = guards_of(&c.expr);
                self.guarded(yes, |w| w.body(&c.true_body));
                self.guarded(no, |w| w.body(&c.false_body));
            }
            Stmt::WithBlock(w) => {
                for (_, value) in &w.assignments {
                    self.expr(value, false);
                }
                self.scoped(&[], |walk| {
                    for (target, _) in &w.assignments {
                        walk.bind(target);
                    }
                    walk.body(&w.body);
                });
            }
            Stmt::Set(s) => {
                self.expr(&s.expr, false);
                self.bind(&s.target);
            }
            Stmt::SetBlock(s) => {
                if let Some(filter) = &s.filter {
                    self.expr(filter, false);
                }
                self.body(&s.body);
                self.bind(&s.target);
            }
            Stmt::AutoEscape(a) => {
                self.expr(&a.enabled, false);
                self.body(&a.body);
            }
            Stmt::FilterBlock(f) => {
                self.expr(&f.filter, false);
                self.body(&f.body);
            }
            Stmt::Block(b) => self.body(&b.body),
            Stmt::Import(i) => {
                self.expr(&i.expr, false);
                self.bind(&i.name);
            }
            Stmt::FromImport(i) => {
                self.expr(&i.expr, false);
                for (name, alias) in &i.names {
                    self.bind(alias.as_ref().unwrap_or(name));
                }
            }
            Stmt::Extends(e) => self.expr(&e.name, false),
            Stmt::Include(i) => self.expr(&i.name, false),
            Stmt::Macro(m) => {
                self.macro_decl(m);
                if let Some(scope) = self.scopes.last_mut() {
                    scope.push(m.name);
                }
            }
            Stmt::CallBlock(c) => {
                self.call(&c.call);
                self.macro_decl(&c.macro_decl);
            }
            Stmt::Do(d) => self.call(&d.call),
        }
    }

    fn macro_decl(&mut self, m: &ast::Macro<'a>) {
        for d in &m.defaults {
            self.expr(d, false);
        }
        self.scoped(&["caller", "varargs", "kwargs"], |w| {
            for a in &m.args {
                w.bind(a);
            }
            w.body(&m.body);
        });
    }

    fn call(&mut self, c: &ast::Call<'a>) {
        self.expr(&c.expr, false);
        self.args(&c.args);
    }

    fn args(&mut self, args: &[ast::CallArg<'a>]) {
        for a in args {
            match a {
                ast::CallArg::Pos(e)
                | ast::CallArg::Kwarg(_, e)
                | ast::CallArg::PosSplat(e)
                | ast::CallArg::KwargSplat(e) => self.expr(e, false),
            }
        }
    }

    /// Records a read of `e`'s path (a variable or its attribute), guarded or not;
    /// false when `e` is no such path.
    fn read(&mut self, e: &Expr<'a>, guarded: bool) -> bool {
        let Some((head, attr)) = path_of(e) else {
            return false;
        };
        if self.bound(head) {
            // A name the template binds: only what its subscripts read counts.
            self.subscripts(e);
            return true;
        }
        let path = joined(head, attr);
        let at = range(span_of(e));
        let guarded = guarded || self.guards.contains(&path);
        let read = self.reads.entry(path.clone()).or_insert_with(|| Read {
            path,
            at: at.clone(),
            unguarded: None,
        });
        if !guarded && read.unguarded.is_none() {
            read.unguarded = Some(at);
        }
        self.subscripts(e);
        true
    }

    /// The expressions inside a path's subscripts (`x[i]` reads `i`).
    fn subscripts(&mut self, e: &Expr<'a>) {
        match e {
            Expr::GetAttr(g) => self.subscripts(&g.expr),
            Expr::GetItem(g) => {
                self.subscripts(&g.expr);
                self.expr(&g.subscript_expr, false);
            }
            _ => {}
        }
    }

    /// Walks an expression; `test` when its value is only tested for truth (the
    /// condition of an `if`), where an undefined variable is false, not an error.
    fn expr(&mut self, e: &Expr<'a>, test: bool) {
        if self.read(e, test) {
            return;
        }
        match e {
            Expr::Var(_) | Expr::Const(_) => {}
            Expr::GetAttr(g) => self.expr(&g.expr, false),
            Expr::GetItem(g) => {
                self.expr(&g.expr, false);
                self.expr(&g.subscript_expr, false);
            }
            Expr::Slice(s) => {
                self.expr(&s.expr, false);
                for part in [&s.start, &s.stop, &s.step].into_iter().flatten() {
                    self.expr(part, false);
                }
            }
            Expr::UnaryOp(u) => {
                let test = test && matches!(u.op, ast::UnaryOpKind::Not);
                self.expr(&u.expr, test);
            }
            Expr::BinOp(b) => {
                // `and`/`or` test their left side for truth, whatever they are in
                // (`{{ topic or "方案" }}` prints the default when `topic` is undefined).
                let logic = matches!(b.op, ast::BinOpKind::ScAnd | ast::BinOpKind::ScOr);
                self.expr(&b.left, logic);
                // `x and x.y`: the right side runs only when the left holds.
                let (yes, _) = guards_of(&b.left);
                let right_guards = if matches!(b.op, ast::BinOpKind::ScAnd) {
                    yes
                } else {
                    Vec::new()
                };
                self.guarded(right_guards, |w| w.expr(&b.right, test && logic));
            }
            Expr::Compare(c) => {
                self.expr(&c.expr, false);
                for op in &c.ops {
                    self.expr(&op.expr, false);
                }
            }
            Expr::IfExpr(i) => {
                self.expr(&i.test_expr, true);
                let (yes, no) = guards_of(&i.test_expr);
                self.guarded(yes, |w| w.expr(&i.true_expr, test));
                if let Some(f) = &i.false_expr {
                    self.guarded(no, |w| w.expr(f, test));
                }
            }
            Expr::Filter(f) => {
                self.filters
                    .entry(f.name)
                    .or_insert_with(|| range(f.span()));
                if let Some(input) = &f.expr {
                    // `x | default(…)` copes with `x` undefined.
                    let guards = matches!(f.name, "default" | "d");
                    if !(guards && self.read(input, true)) {
                        self.expr(input, false);
                    }
                }
                self.args(&f.args);
            }
            Expr::Test(t) => {
                self.tests.entry(t.name).or_insert_with(|| range(t.span()));
                // `x is defined` (or `undefined`, `none`) asks the question itself.
                let asks = matches!(t.name, "defined" | "undefined" | "none");
                if !(asks && self.read(&t.expr, true)) {
                    self.expr(&t.expr, false);
                }
                self.args(&t.args);
            }
            Expr::Call(c) => {
                self.expr(&c.expr, false);
                self.args(&c.args);
            }
            Expr::List(l) => {
                for x in &l.items {
                    self.expr(x, false);
                }
            }
            Expr::Map(m) => {
                for x in m.keys.iter().chain(&m.values) {
                    self.expr(x, false);
                }
            }
        }
    }
}

fn span_of(e: &Expr<'_>) -> minijinja::machinery::Span {
    e.span()
}

/// The paths a condition shows to be defined when it holds, and when it does not.
fn guards_of(e: &Expr<'_>) -> (Vec<String>, Vec<String>) {
    if let Some((head, attr)) = path_of(e) {
        return (vec![joined(head, attr)], Vec::new());
    }
    match e {
        Expr::UnaryOp(u) if matches!(u.op, ast::UnaryOpKind::Not) => {
            let (yes, no) = guards_of(&u.expr);
            (no, yes)
        }
        Expr::BinOp(b) if matches!(b.op, ast::BinOpKind::ScAnd) => {
            let (mut yes, _) = guards_of(&b.left);
            yes.extend(guards_of(&b.right).0);
            (yes, Vec::new())
        }
        Expr::BinOp(b) if matches!(b.op, ast::BinOpKind::ScOr) => {
            let (_, mut no) = guards_of(&b.left);
            no.extend(guards_of(&b.right).1);
            (Vec::new(), no)
        }
        Expr::Test(t) => match (t.name, path_of(&t.expr)) {
            ("defined", Some((h, a))) => (vec![joined(h, a)], Vec::new()),
            ("undefined" | "none", Some((h, a))) => (Vec::new(), vec![joined(h, a)]),
            _ => (Vec::new(), Vec::new()),
        },
        _ => (Vec::new(), Vec::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unguarded(text: &str) -> Vec<String> {
        analyse(text)
            .unwrap()
            .reads
            .into_iter()
            .filter(|r| r.unguarded.is_some())
            .map(|r| r.path)
            .collect()
    }

    fn paths(text: &str) -> Vec<String> {
        analyse(text)
            .unwrap()
            .reads
            .into_iter()
            .map(|r| r.path)
            .collect()
    }

    #[test]
    fn reads_are_variables_and_their_first_attribute() {
        assert_eq!(
            paths("{{ customer.name }} {{ due | date }} {{ assignee.manager.name }}"),
            ["assignee.manager", "customer.name", "due"]
        );
        assert_eq!(paths("{{ customer['预算'] }}"), ["customer.预算"]);
        // Bound names are not read from the context.
        assert_eq!(
            paths("{% for t in customer.tags %}{{ t }}{{ loop.index }}{% endfor %}"),
            ["customer.tags"]
        );
        assert_eq!(
            paths("{% set x = topic %}{{ x }}{% with y = now %}{{ y }}{% endwith %}"),
            ["now", "topic"]
        );
        assert_eq!(
            paths("{% macro m(a) %}{{ a }}{{ b }}{% endmacro %}{{ m(1) }}"),
            ["b"]
        );
    }

    #[test]
    fn guards_are_defaults_ifs_and_tests() {
        assert!(unguarded("{{ topic | default('项目推进') }}").is_empty());
        assert!(unguarded("{{ topic | d('x') | upper }}").is_empty());
        assert!(unguarded("{% if topic %}关于{{ topic }}{% endif %}").is_empty());
        assert!(unguarded("{% if topic is defined %}{{ topic }}{% endif %}").is_empty());
        assert!(unguarded("{% if not topic %}无{% else %}{{ topic }}{% endif %}").is_empty());
        assert!(
            unguarded("{% if topic is undefined %}无{% else %}{{ topic }}{% endif %}").is_empty()
        );
        assert!(unguarded("{{ topic if topic else '方案' }}").is_empty());
        assert!(
            unguarded("{% if topic and customer.x %}{{ customer.x }}{{ topic }}{% endif %}")
                .is_empty()
        );
        assert!(unguarded("{{ customer.x and customer.x > 3 }}").is_empty());
        assert!(unguarded("{{ topic or '方案落地' }}").is_empty());
        assert_eq!(unguarded("{{ x or topic }}"), ["topic"]);
        assert_eq!(unguarded("{{ topic }}"), ["topic"]);
        assert_eq!(unguarded("{% if topic %}{% endif %}{{ topic }}"), ["topic"]);
        assert_eq!(
            unguarded("{% if topic %}{% else %}{{ topic }}{% endif %}"),
            ["topic"]
        );
        assert_eq!(unguarded("{{ (topic ~ '!') | default('') }}"), ["topic"]);
        assert_eq!(
            unguarded("{% if customer %}{{ customer.x }}{% endif %}"),
            ["customer.x"]
        );
        assert_eq!(
            unguarded("{% if topic or x %}{{ topic }}{% endif %}"),
            ["topic"]
        );
    }

    #[test]
    fn filters_and_tests_are_listed_once_each() {
        let facts =
            analyse("{{ due | date }}{{ now | date | upper }}{% if x is defined %}{% endif %}")
                .unwrap();
        let filters: Vec<&str> = facts.filters.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(filters, ["date", "upper"]);
        let tests: Vec<&str> = facts.tests.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(tests, ["defined"]);
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let pipes = format!("{{{{ x{} }}}}", "| upper ".repeat(100_000));
        assert!(matches!(analyse(&pipes), Err(Problem::TooLarge { .. })));
        let minus = format!("{{{{ {}1 }}}}", "-".repeat(30_000));
        assert!(matches!(
            analyse(&minus),
            Err(Problem::TooComplex {
                operators: 30_000,
                ..
            })
        ));
        let many = format!("{{{{ x{} }}}}", "|upper".repeat(MAX_OPERATORS + 1));
        assert!(matches!(analyse(&many), Err(Problem::TooComplex { .. })));
        let fine = format!("{{{{ x{} }}}}", "|upper".repeat(MAX_OPERATORS - 1));
        assert!(analyse(&fine).is_ok());
        // Operators in strings and comments, and text outside tags, do not count.
        let text = format!(
            "{} {{{{ '{}' }}}} {{# {} #}}",
            "-".repeat(10_000),
            "-".repeat(10_000),
            "|".repeat(10_000)
        );
        assert!(analyse(&text).is_ok());
    }

    #[test]
    fn syntax_errors_are_minijinja_s() {
        assert!(matches!(analyse("{{ broken"), Err(Problem::Syntax(_))));
        assert!(matches!(analyse("{% if x %}"), Err(Problem::Syntax(_))));
    }
}
