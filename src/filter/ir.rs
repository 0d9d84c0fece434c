//! Intermediate form: the tree with types, checked the way LTTng 2.13 checks it.
//!
//! Built depth first from the root, in upstream's order (so that the first refusal is the
//! one upstream reports), then the passes upstream runs, in its order: normalize glob patterns, validate string escapes, validate glob
//! comparisons. What is refused, all with the same code:
//!
//! * arithmetic operators (`* / % + -` between operands);
//! * a string operand of a unary operator, of a logical or bitwise operator, or compared
//!   with a number; a floating operand of a bitwise operator;
//! * a string or floating value as the whole expression;
//! * `$ctx` / `$app` without a name after them, and any other `$name` as a root;
//! * a first index that is not an integer literal (further indices are ignored, as
//!   upstream ignores them);
//! * a backslash in a string literal not followed by `\` or `*`;
//! * two glob patterns compared (unless both have their only star at the end), and a
//!   full glob pattern with an operator other than `==` / `!=`.

use super::FilterError;
use super::ast::{Ast, BinaryOp, Node, NodeId, UnaryOp};

/// Index of a node in its [`Ir`].
pub type IrId = usize;

/// The type a node yields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataType {
    /// A string literal.
    String,
    /// An integer or boolean.
    Numeric,
    /// A floating value.
    Float,
    /// A field or context value (typed at run time).
    Expression,
}

/// What kind of star-glob pattern a string literal is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GlobKind {
    /// No unescaped `*`.
    Plain,
    /// The first unescaped `*` is the last character (`"tick 1*"`).
    StarAtEndOnly,
    /// Any other pattern (`"tick *7"`, and `"a**"`: typed before it is normalized).
    Star,
}

/// One step of a field or context load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldOp {
    /// Start at the event's context (`$ctx.`).
    ContextRoot,
    /// Start at the application contexts (`$app.`).
    AppContextRoot,
    /// Start at the event's payload.
    PayloadRoot,
    /// Select a field by name.
    Symbol(String),
    /// Select an array or sequence element.
    Index(u64),
    /// Load the selected value.
    LoadField,
}

/// A node's operation.
#[derive(Debug, Clone, PartialEq)]
pub enum IrKind {
    /// A string literal (normalized when it is a glob pattern).
    String {
        /// The bytes.
        value: Vec<u8>,
        /// Its pattern kind.
        glob: GlobKind,
    },
    /// An integer literal.
    Numeric(i64),
    /// A floating literal.
    Float(f64),
    /// A field or context load.
    Field(Vec<FieldOp>),
    /// A unary operation.
    Unary(UnaryOp, IrId),
    /// A comparison or bitwise operation.
    Binary(BinaryOp, IrId, IrId),
    /// `&&` or `||` (short-circuit).
    Logical(BinaryOp, IrId, IrId),
}

/// A node with its type.
#[derive(Debug, Clone, PartialEq)]
pub struct IrNode {
    /// The operation.
    pub kind: IrKind,
    /// The type it yields.
    pub data_type: DataType,
}

/// The intermediate form: children precede their parent; the root is the last node.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ir {
    nodes: Vec<IrNode>,
}

impl Ir {
    /// All nodes, children first.
    pub fn nodes(&self) -> &[IrNode] {
        &self.nodes
    }

    /// The root.
    pub fn root(&self) -> Option<IrId> {
        self.nodes.len().checked_sub(1)
    }

    /// A node.
    pub fn node(&self, id: IrId) -> Option<&IrNode> {
        self.nodes.get(id)
    }
}

/// A refusal of the IR generation, with upstream's message.
fn invalid<T>(message: impl Into<String>) -> Result<T, FilterError> {
    Err(FilterError::Invalid(message.into()))
}

/// A refusal of the checks that follow the IR generation, with upstream's whole line.
fn unsupported<T>(line: &str) -> Result<T, FilterError> {
    Err(FilterError::Unsupported(line.to_owned()))
}

fn is_arithmetic(op: BinaryOp) -> bool {
    matches!(
        op,
        BinaryOp::Mul | BinaryOp::Div | BinaryOp::Mod | BinaryOp::Add | BinaryOp::Sub
    )
}

/// Upstream's message for an arithmetic operator (named after the C function that says it).
fn not_supported(op: BinaryOp) -> String {
    format!("make_op: binary operation '{}' not supported", op.symbol())
}

/// Builds and checks the intermediate form of a parsed expression.
pub fn generate(ast: &Ast) -> Result<Ir, FilterError> {
    let Some(root) = ast.root() else {
        return invalid("empty expression");
    };
    let nodes = ast.nodes();
    // Upstream's order, so that the first refusal is the one it reports: depth first, left
    // operand first, each node built once its operands are; an arithmetic operator is
    // refused as soon as it is reached, before its operands. Only the operands are walked
    // (indices are read, not evaluated).
    enum Step {
        Enter(NodeId),
        Leave(NodeId),
    }
    let mut ir = Ir::default();
    let mut ir_of: Vec<Option<IrId>> = vec![None; nodes.len()];
    let mut steps = vec![Step::Enter(root)];
    while let Some(step) = steps.pop() {
        let id = match step {
            Step::Enter(id) => {
                let Some(node) = nodes.get(id) else {
                    return invalid("malformed tree");
                };
                if let Node::Binary(op, ..) = node {
                    if is_arithmetic(*op) {
                        return invalid(not_supported(*op));
                    }
                }
                steps.push(Step::Leave(id));
                let operands: Vec<NodeId> = node.operands().collect();
                steps.extend(operands.into_iter().rev().map(Step::Enter));
                continue;
            }
            Step::Leave(id) => id,
        };
        let node = &nodes[id];
        let child = |c: NodeId| ir_of.get(c).copied().flatten();
        let lookup = |c: NodeId| match child(c) {
            Some(i) => Ok(i),
            None => invalid("malformed tree"),
        };
        let new = match node {
            Node::Nested(c) => {
                ir_of[id] = Some(lookup(*c)?);
                continue;
            }
            Node::Int(v) => IrNode {
                // All numeric literals are signed for the tracer.
                kind: IrKind::Numeric(*v as i64),
                data_type: DataType::Numeric,
            },
            Node::Float(bits) => IrNode {
                kind: IrKind::Float(f64::from_bits(*bits)),
                data_type: DataType::Float,
            },
            Node::Str(s) => IrNode {
                kind: IrKind::String {
                    value: s.as_bytes().to_vec(),
                    glob: glob_kind(s.as_bytes()),
                },
                data_type: DataType::String,
            },
            Node::Field(segments) => IrNode {
                kind: IrKind::Field(field_ops(ast, segments)?),
                data_type: DataType::Expression,
            },
            Node::Unary(op, c) => {
                let c = lookup(*c)?;
                let data_type = ir.nodes[c].data_type;
                if data_type == DataType::String {
                    return invalid(format!(
                        "unary operation '{}' not allowed on string literal",
                        op.symbol()
                    ));
                }
                IrNode {
                    kind: IrKind::Unary(*op, c),
                    data_type,
                }
            }
            Node::Binary(op, l, r) => binary(&ir, *op, lookup(*l)?, lookup(*r)?)?,
        };
        ir.nodes.push(new);
        ir_of[id] = Some(ir.nodes.len() - 1);
    }
    let Some(root) = ir_of[root] else {
        return invalid("malformed tree");
    };
    match ir.nodes[root].data_type {
        DataType::Numeric | DataType::Expression => {}
        DataType::String => return invalid("String cannot be root data type"),
        DataType::Float => return invalid("Unknown root child data type"),
    }
    // The root must be the last node for the passes below.
    if root + 1 != ir.nodes.len() {
        return invalid("malformed tree");
    }
    normalize_glob_patterns(&mut ir);
    validate_strings(&ir)?;
    validate_globbing(&ir)?;
    Ok(ir)
}

fn binary(ir: &Ir, op: BinaryOp, l: IrId, r: IrId) -> Result<IrNode, FilterError> {
    use BinaryOp::*;
    let (lt, rt) = (ir.nodes[l].data_type, ir.nodes[r].data_type);
    let either = |t: DataType| lt == t || rt == t;
    let kind = match op {
        Mul | Div | Mod | Add | Sub => return invalid(not_supported(op)),
        Shl | Shr | BitAnd | BitOr | BitXor => {
            if either(DataType::String) {
                return invalid(format!(
                    "bitwise binary operation '{}' cannot have string operand",
                    op.symbol()
                ));
            }
            if either(DataType::Float) {
                return invalid(format!(
                    "bitwise binary operation '{}' cannot have floating point operand",
                    op.symbol()
                ));
            }
            IrKind::Binary(op, l, r)
        }
        Eq | Ne | Gt | Lt | Ge | Le => {
            let number = |t: DataType| matches!(t, DataType::Numeric | DataType::Float);
            if (lt == DataType::String && number(rt)) || (number(lt) && rt == DataType::String) {
                return invalid(format!(
                    "binary operation '{}' operand type mismatch",
                    op.symbol()
                ));
            }
            IrKind::Binary(op, l, r)
        }
        And | Or => {
            if either(DataType::String) {
                return invalid(format!(
                    "logical binary operation '{}' cannot have string operand",
                    op.symbol()
                ));
            }
            IrKind::Logical(op, l, r)
        }
    };
    Ok(IrNode {
        kind,
        data_type: DataType::Numeric,
    })
}

/// The load steps of a field reference.
fn field_ops(ast: &Ast, segments: &[super::ast::Segment]) -> Result<Vec<FieldOp>, FilterError> {
    let Some(first) = segments.first() else {
        return invalid("empty field reference");
    };
    let (root, named) = match first.name.as_str() {
        // The root's own indices are never looked at.
        "$ctx" => (FieldOp::ContextRoot, &segments[1..]),
        "$app" => (FieldOp::AppContextRoot, &segments[1..]),
        name if name.starts_with('$') => {
            return invalid(format!("Unexpected identifier '{name}'"));
        }
        _ => (FieldOp::PayloadRoot, segments),
    };
    if named.is_empty() {
        return invalid(format!("Expecting identifier after '{}'", first.name));
    }
    let mut ops = vec![root];
    for segment in named {
        ops.push(FieldOp::Symbol(segment.name.clone()));
        // Only the first index counts.
        if let Some(&index) = segment.indices.first() {
            match ast.node(index) {
                Some(Node::Int(v)) => ops.push(FieldOp::Index(*v)),
                _ => return invalid("Expecting constant index in array expression"),
            }
        }
    }
    ops.push(FieldOp::LoadField);
    Ok(ops)
}

/// The pattern kind of a string literal (looking only as far as its first unescaped star).
pub fn glob_kind(s: &[u8]) -> GlobKind {
    let mut i = 0;
    while i < s.len() {
        match s[i] {
            b'*' if i + 1 == s.len() => return GlobKind::StarAtEndOnly,
            b'*' => return GlobKind::Star,
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
    GlobKind::Plain
}

/// Collapses runs of unescaped stars into one star.
pub fn normalize_star_glob(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut after_star = false;
    let mut i = 0;
    while i < s.len() {
        match s[i] {
            b'*' if after_star => {}
            b'*' => {
                after_star = true;
                out.push(b'*');
            }
            b'\\' => {
                out.push(b'\\');
                if let Some(&escaped) = s.get(i + 1) {
                    out.push(escaped);
                }
                after_star = false;
                i += 1;
            }
            c => {
                after_star = false;
                out.push(c);
            }
        }
        i += 1;
    }
    out
}

fn normalize_glob_patterns(ir: &mut Ir) {
    for node in &mut ir.nodes {
        if let IrKind::String { value, glob } = &mut node.kind {
            if *glob != GlobKind::Plain {
                *value = normalize_star_glob(value);
            }
        }
    }
}

/// Only `\\` and `\*` escapes are allowed in string literals.
pub fn valid_escapes(s: &[u8]) -> bool {
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'\\' {
            if !matches!(s.get(i + 1), Some(b'\\' | b'*')) {
                return false;
            }
            i += 1;
        }
        i += 1;
    }
    true
}

fn validate_strings(ir: &Ir) -> Result<(), FilterError> {
    for node in &ir.nodes {
        if let IrKind::String { value, .. } = &node.kind {
            if !valid_escapes(value) {
                return unsupported("Unsupported escape character detected.");
            }
        }
    }
    Ok(())
}

fn validate_globbing(ir: &Ir) -> Result<(), FilterError> {
    let glob = |id: IrId| match &ir.nodes[id].kind {
        IrKind::String { glob, .. } => Some(*glob),
        _ => None,
    };
    for node in &ir.nodes {
        let IrKind::Binary(op, l, r) = node.kind else {
            continue;
        };
        let (lg, rg) = (glob(l), glob(r));
        if let (Some(lg), Some(rg)) = (lg, rg) {
            if (lg == GlobKind::Star && rg != GlobKind::Plain)
                || (rg == GlobKind::Star && lg != GlobKind::Plain)
            {
                return unsupported("[error] Cannot compare two globbing patterns");
            }
        }
        let full_glob = lg == Some(GlobKind::Star) || rg == Some(GlobKind::Star);
        if full_glob && !matches!(op, BinaryOp::Eq | BinaryOp::Ne) {
            return unsupported(
                "[error] Only the `==` and `!=` operators are allowed with a globbing pattern",
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_helpers() {
        assert_eq!(glob_kind(b"abc"), GlobKind::Plain);
        assert_eq!(glob_kind(b"ab\\*"), GlobKind::Plain);
        assert_eq!(glob_kind(b"ab*"), GlobKind::StarAtEndOnly);
        assert_eq!(glob_kind(b"ab**"), GlobKind::Star);
        assert_eq!(glob_kind(b"*b"), GlobKind::Star);
        assert_eq!(glob_kind(b"a\\"), GlobKind::Plain);
        assert_eq!(normalize_star_glob(b"a**b***"), b"a*b*");
        assert_eq!(normalize_star_glob(b"a\\**\\*"), b"a\\**\\*");
        assert_eq!(normalize_star_glob(b"a\\"), b"a\\");
        assert!(valid_escapes(b"a\\\\b\\*"));
        assert!(!valid_escapes(b"a\\n"));
        assert!(!valid_escapes(b"a\\"));
    }
}
