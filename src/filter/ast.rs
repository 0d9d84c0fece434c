//! The syntax tree of a filter expression, as the grammar builds it.
//!
//! Nodes live in one vector and refer to each other by index; a node's children always
//! come before it and the root is the last node, so every pass is a loop (upstream
//! accepts nesting close to ten thousand levels deep, too deep to recurse on a thread's
//! stack). Parentheses stay in the tree ([`Node::Nested`]), as upstream keeps them, so
//! [`Ast`]'s `Display` (the pretty printer) gives text that parses back to the same tree.

use std::fmt;

/// Index of a node in its [`Ast`].
pub type NodeId = usize;

/// Unary operators (`+` does nothing but is kept).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnaryOp {
    /// `+`
    Plus,
    /// `-`
    Minus,
    /// `!`
    Not,
    /// `~`
    BitNot,
}

impl UnaryOp {
    /// The operator's spelling.
    pub fn symbol(self) -> &'static str {
        match self {
            UnaryOp::Plus => "+",
            UnaryOp::Minus => "-",
            UnaryOp::Not => "!",
            UnaryOp::BitNot => "~",
        }
    }
}

/// Binary operators. The grammar parses all of them; the arithmetic ones are refused
/// afterwards, as the 2.13 tracer does not run them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinaryOp {
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `%`
    Mod,
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `<<`
    Shl,
    /// `>>`
    Shr,
    /// `&`
    BitAnd,
    /// `^`
    BitXor,
    /// `|`
    BitOr,
    /// `<`
    Lt,
    /// `>`
    Gt,
    /// `<=`
    Le,
    /// `>=`
    Ge,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `&&`
    And,
    /// `||`
    Or,
}

impl BinaryOp {
    /// Every binary operator.
    pub const ALL: [BinaryOp; 18] = [
        BinaryOp::Mul,
        BinaryOp::Div,
        BinaryOp::Mod,
        BinaryOp::Add,
        BinaryOp::Sub,
        BinaryOp::Shl,
        BinaryOp::Shr,
        BinaryOp::BitAnd,
        BinaryOp::BitXor,
        BinaryOp::BitOr,
        BinaryOp::Lt,
        BinaryOp::Gt,
        BinaryOp::Le,
        BinaryOp::Ge,
        BinaryOp::Eq,
        BinaryOp::Ne,
        BinaryOp::And,
        BinaryOp::Or,
    ];

    /// Binding strength: higher binds tighter; every level is left-associative.
    ///
    /// Upstream's grammar differs from C: the bitwise `&`, `^` and `|` bind tighter than
    /// the relational operators, so `a < b | c` is `a < (b | c)`.
    pub fn precedence(self) -> u8 {
        match self {
            BinaryOp::Or => 1,
            BinaryOp::And => 2,
            BinaryOp::Eq | BinaryOp::Ne => 3,
            BinaryOp::Lt | BinaryOp::Gt | BinaryOp::Le | BinaryOp::Ge => 4,
            BinaryOp::BitOr => 5,
            BinaryOp::BitXor => 6,
            BinaryOp::BitAnd => 7,
            BinaryOp::Shl | BinaryOp::Shr => 8,
            BinaryOp::Add | BinaryOp::Sub => 9,
            BinaryOp::Mul | BinaryOp::Div | BinaryOp::Mod => 10,
        }
    }

    /// The operator's spelling.
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
            BinaryOp::Mod => "%",
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Shl => "<<",
            BinaryOp::Shr => ">>",
            BinaryOp::BitAnd => "&",
            BinaryOp::BitXor => "^",
            BinaryOp::BitOr => "|",
            BinaryOp::Lt => "<",
            BinaryOp::Gt => ">",
            BinaryOp::Le => "<=",
            BinaryOp::Ge => ">=",
            BinaryOp::Eq => "==",
            BinaryOp::Ne => "!=",
            BinaryOp::And => "&&",
            BinaryOp::Or => "||",
        }
    }
}

/// How a segment of a field reference joins the previous one (both mean the same).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Link {
    /// The first segment.
    First,
    /// `.`
    Dot,
    /// `->`
    Arrow,
}

/// One `name[index]...` part of a field reference such as `$ctx.a[2].b`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Segment {
    /// How it joins the previous segment.
    pub link: Link,
    /// The identifier, with its `$` for a global one.
    pub name: String,
    /// The bracketed expressions after the name, in order. Upstream uses only the first
    /// (it must be an integer literal) and ignores the others, but they must parse.
    pub indices: Vec<NodeId>,
}

/// A node of the tree.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Node {
    /// An integer literal (the grammar's are unsigned; the value is kept as read).
    Int(u64),
    /// A floating literal, as the bits of an `f64`.
    Float(u64),
    /// A string or character literal's bytes.
    Str(String),
    /// A field or context reference.
    Field(Vec<Segment>),
    /// A parenthesized expression.
    Nested(NodeId),
    /// A unary operation.
    Unary(UnaryOp, NodeId),
    /// A binary operation.
    Binary(BinaryOp, NodeId, NodeId),
}

impl Node {
    /// The children a parent evaluates (bracketed indices are not evaluated).
    pub fn operands(&self) -> impl Iterator<Item = NodeId> {
        let (a, b) = match *self {
            Node::Nested(c) | Node::Unary(_, c) => (Some(c), None),
            Node::Binary(_, l, r) => (Some(l), Some(r)),
            _ => (None, None),
        };
        a.into_iter().chain(b)
    }

    fn children(&self) -> Vec<NodeId> {
        match self {
            Node::Field(segments) => segments
                .iter()
                .flat_map(|s| s.indices.iter().copied())
                .collect(),
            other => other.operands().collect(),
        }
    }
}

/// A syntax tree: nodes in an order where children precede their parent; the root is the
/// last node.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Ast {
    nodes: Vec<Node>,
}

/// A node that refers to a node not before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a node refers to node {child}, which does not precede it")]
pub struct BadChild {
    /// The offending reference.
    pub child: NodeId,
}

impl Ast {
    /// An empty tree.
    pub fn new() -> Ast {
        Ast::default()
    }

    /// Appends a node whose children are already in the tree; it becomes the root.
    pub fn push(&mut self, node: Node) -> Result<NodeId, BadChild> {
        let id = self.nodes.len();
        if let Some(child) = node.children().into_iter().find(|&c| c >= id) {
            return Err(BadChild { child });
        }
        self.nodes.push(node);
        Ok(id)
    }

    /// The root, if the tree is not empty.
    pub fn root(&self) -> Option<NodeId> {
        self.nodes.len().checked_sub(1)
    }

    /// All nodes, children first.
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// A node.
    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(id)
    }
}

/// Spelling of a float literal that reads back to the same bits.
fn float_literal(bits: u64) -> String {
    let value = f64::from_bits(bits);
    if value.is_infinite() {
        return "1e999".into();
    }
    if value == 0.0 {
        return "0.0".into();
    }
    let exponent = (bits >> 52) & 0x7ff;
    let fraction = bits & ((1 << 52) - 1);
    if exponent == 0 {
        format!("0x0.{fraction:013x}p-1022")
    } else {
        format!("0x1.{fraction:013x}p{}", exponent as i64 - 1023)
    }
}

/// A string literal that reads back to `value` (which never holds both quote kinds).
///
/// The scanner refuses the text `ESCSEQ` in a literal but drops newlines, so `ESCSE\nQ`
/// spells that value.
fn string_literal(value: &str) -> String {
    let body = value.replace("ESCSEQ", "ESCSE\nQ");
    if value.contains('"') {
        format!("'{body}'")
    } else {
        format!("\"{body}\"")
    }
}

enum Piece<'a> {
    Node(NodeId),
    Text(&'a str),
    Owned(String),
}

impl fmt::Display for Ast {
    /// The expression as text (the pretty printer). Binary operators get a space on each
    /// side; nothing else is added, so the text parses back to this tree.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(root) = self.root() else {
            return Ok(());
        };
        let mut todo = vec![Piece::Node(root)];
        while let Some(piece) = todo.pop() {
            let id = match piece {
                Piece::Text(t) => {
                    f.write_str(t)?;
                    continue;
                }
                Piece::Owned(t) => {
                    f.write_str(&t)?;
                    continue;
                }
                Piece::Node(id) => id,
            };
            let Some(node) = self.nodes.get(id) else {
                return Err(fmt::Error);
            };
            // Pushed in reverse order of output.
            match node {
                Node::Int(v) => f.write_str(&v.to_string())?,
                Node::Float(bits) => f.write_str(&float_literal(*bits))?,
                Node::Str(s) => f.write_str(&string_literal(s))?,
                Node::Nested(c) => {
                    todo.extend([Piece::Text(")"), Piece::Node(*c), Piece::Text("(")]);
                }
                Node::Unary(op, c) => {
                    todo.extend([Piece::Node(*c), Piece::Text(op.symbol())]);
                }
                Node::Binary(op, l, r) => {
                    todo.extend([
                        Piece::Node(*r),
                        Piece::Owned(format!(" {} ", op.symbol())),
                        Piece::Node(*l),
                    ]);
                }
                Node::Field(segments) => {
                    for segment in segments.iter().rev() {
                        for &index in segment.indices.iter().rev() {
                            todo.extend([Piece::Text("]"), Piece::Node(index), Piece::Text("[")]);
                        }
                        todo.push(Piece::Text(&segment.name));
                        match segment.link {
                            Link::First => {}
                            Link::Dot => todo.push(Piece::Text(".")),
                            Link::Arrow => todo.push(Piece::Text("->")),
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn children_must_precede() {
        let mut ast = Ast::new();
        assert_eq!(ast.push(Node::Nested(0)), Err(BadChild { child: 0 }));
        let a = ast.push(Node::Int(1)).unwrap();
        let b = ast.push(Node::Nested(a)).unwrap();
        assert_eq!(ast.root(), Some(b));
        assert_eq!(ast.to_string(), "(1)");
    }

    #[test]
    fn strings_print_back() {
        // Found by the fuzzer: a newline splits the forbidden text, then is dropped.
        for text in ["'ES\nCSEQ'", "\"ESCSE\nQESCSE\nQ\"", "'a\"ESCS\nEQ'"] {
            let ast = crate::filter::parse(text).unwrap();
            let printed = ast.to_string();
            assert_eq!(crate::filter::parse(&printed), Ok(ast), "{printed:?}");
        }
    }

    #[test]
    fn floats_print_exactly() {
        for v in [1.5, 0.1, 5e-324, f64::MAX, f64::MIN_POSITIVE, 1e300] {
            let text = float_literal(f64::to_bits(v));
            let ast = crate::filter::parse(&format!("a == {text}")).unwrap();
            let found = ast
                .nodes()
                .iter()
                .find_map(|n| match n {
                    Node::Float(b) => Some(*b),
                    _ => None,
                })
                .unwrap();
            assert_eq!(found, v.to_bits(), "{text}");
        }
    }
}
