//! Bytecode generation: the checked [`Ir`] to LTTng 2.13's filter bytecode.
//!
//! The output is `struct lttng_bytecode` as the library sends it: a 48-byte header
//! (`u32 len`, `u32 reloc_table_offset`, `u64 seqnum` = 0, 32 bytes of padding = 0) then
//! `len` bytes: the instructions, then the relocation table from `reloc_table_offset`.
//! Instructions are packed, multi-byte operands in host order:
//!
//! * loads: `LOAD_S64 i64`, `LOAD_DOUBLE f64`, `LOAD_STRING` / `LOAD_STAR_GLOB_STRING`
//!   and the NUL-terminated bytes;
//! * a field or context reference made only of names is one legacy instruction,
//!   `LOAD_FIELD_REF` or `GET_CONTEXT_REF` with a `u16` 0xffff placeholder, and a
//!   relocation entry `{u16 instruction offset, "a.b" or "$ctx.a" NUL}`;
//! * with an index it is spelled out: `GET_{PAYLOAD,CONTEXT,APP_CONTEXT}_ROOT`, then per
//!   name `GET_SYMBOL u16` (the offset of its name in the relocation table; the entry is
//!   `{u16 instruction offset, name NUL}`), `GET_INDEX_U64 u64`, then `LOAD_FIELD`;
//! * operators in postfix order with the generic opcodes (the tracer specializes them);
//!   unary `+` emits nothing;
//! * `&&` / `||`: left operand, a cast to s64 when it is a field or floating value, the
//!   operator with a `u16` absolute offset to skip to, right operand and its cast;
//! * `RETURN` last.
//!
//! The instructions and the relocation table are each limited to 65,536 bytes, and so is
//! their sum.

use super::FilterError;
use super::ir::{DataType, FieldOp, GlobKind, Ir, IrId, IrKind};
use crate::filter::ast::{BinaryOp, UnaryOp};

/// Size of the `struct lttng_bytecode` header.
pub const HEADER_LEN: usize = 48;
/// `LTTNG_FILTER_MAX_LEN`: the limit on the bytecode, and on what the library sends.
pub const MAX_LEN: usize = 65536;

/// Opcodes (`enum bytecode_op`) this generator emits.
pub mod opcode {
    /// End of program.
    pub const RETURN: u8 = 1;
    /// Binary `*` (never emitted: refused earlier).
    pub const MUL: u8 = 2;
    /// `/`
    pub const DIV: u8 = 3;
    /// `%`
    pub const MOD: u8 = 4;
    /// `+`
    pub const PLUS: u8 = 5;
    /// binary `-`
    pub const MINUS: u8 = 6;
    /// `>>`
    pub const BIT_RSHIFT: u8 = 7;
    /// `<<`
    pub const BIT_LSHIFT: u8 = 8;
    /// `&`
    pub const BIT_AND: u8 = 9;
    /// `|`
    pub const BIT_OR: u8 = 10;
    /// `^`
    pub const BIT_XOR: u8 = 11;
    /// `==`
    pub const EQ: u8 = 12;
    /// `!=`
    pub const NE: u8 = 13;
    /// `>`
    pub const GT: u8 = 14;
    /// `<`
    pub const LT: u8 = 15;
    /// `>=`
    pub const GE: u8 = 16;
    /// `<=`
    pub const LE: u8 = 17;
    /// unary `-`
    pub const UNARY_MINUS: u8 = 49;
    /// `!`
    pub const UNARY_NOT: u8 = 50;
    /// `&&`
    pub const AND: u8 = 57;
    /// `||`
    pub const OR: u8 = 58;
    /// Legacy payload field load (by name, relocated).
    pub const LOAD_FIELD_REF: u8 = 59;
    /// String literal.
    pub const LOAD_STRING: u8 = 64;
    /// Integer literal.
    pub const LOAD_S64: u8 = 65;
    /// Floating literal.
    pub const LOAD_DOUBLE: u8 = 66;
    /// Cast a field value to s64.
    pub const CAST_TO_S64: u8 = 67;
    /// Cast a double to s64.
    pub const CAST_DOUBLE_TO_S64: u8 = 68;
    /// Legacy context load (by name, relocated).
    pub const GET_CONTEXT_REF: u8 = 70;
    /// Full star-glob pattern literal.
    pub const LOAD_STAR_GLOB_STRING: u8 = 76;
    /// Start at the context.
    pub const GET_CONTEXT_ROOT: u8 = 79;
    /// Start at the application contexts.
    pub const GET_APP_CONTEXT_ROOT: u8 = 80;
    /// Start at the payload.
    pub const GET_PAYLOAD_ROOT: u8 = 81;
    /// Select a field by name.
    pub const GET_SYMBOL: u8 = 82;
    /// Select an element.
    pub const GET_INDEX_U64: u8 = 85;
    /// Load the selected value.
    pub const LOAD_FIELD: u8 = 86;
    /// `~`
    pub const UNARY_BIT_NOT: u8 = 98;
}

/// A buffer limited to [`MAX_LEN`] bytes, like upstream's `bytecode_push`.
#[derive(Default)]
struct Buffer {
    bytes: Vec<u8>,
}

impl Buffer {
    fn push(&mut self, data: &[u8]) -> Result<(), FilterError> {
        if self.bytes.len() + data.len() > MAX_LEN {
            return Err(FilterError::BytecodeOverflow);
        }
        self.bytes.extend_from_slice(data);
        Ok(())
    }

    fn len(&self) -> usize {
        self.bytes.len()
    }

    /// The offset of the next instruction, as a relocation entry holds it.
    fn reloc_position(&self) -> Result<u16, FilterError> {
        u16::try_from(self.len()).map_err(|_| FilterError::BytecodeOverflow)
    }
}

/// Work left while walking the tree without recursion.
enum Task {
    /// Emit a subtree.
    Visit(IrId),
    /// Emit a unary or binary node's operator (its operands are done).
    Operator(IrId),
    /// A logical node's left operand is done: cast it, emit the operator.
    LogicalMiddle(IrId),
    /// A logical node's right operand is done: cast it, patch the skip offset at `.1`.
    LogicalEnd(IrId, usize),
}

struct Generator<'a> {
    ir: &'a Ir,
    code: Buffer,
    relocs: Buffer,
}

/// Generates the bytecode of a checked expression: the whole `struct lttng_bytecode`.
pub fn generate(ir: &Ir) -> Result<Vec<u8>, FilterError> {
    let Some(root) = ir.root() else {
        return Err(FilterError::Invalid("empty expression".into()));
    };
    let mut g = Generator {
        ir,
        code: Buffer::default(),
        relocs: Buffer::default(),
    };
    g.emit_tree(root)?;
    g.code.push(&[opcode::RETURN])?;
    let reloc_table_offset = g.code.len();
    let relocs = std::mem::take(&mut g.relocs.bytes);
    g.code.push(&relocs)?;
    let data = g.code.bytes;
    let mut out = Vec::with_capacity(HEADER_LEN + data.len());
    out.extend_from_slice(&(data.len() as u32).to_ne_bytes());
    out.extend_from_slice(&(reloc_table_offset as u32).to_ne_bytes());
    out.extend_from_slice(&0u64.to_ne_bytes()); // seqnum
    out.extend_from_slice(&[0; 32]); // padding
    out.extend_from_slice(&data);
    Ok(out)
}

impl Generator<'_> {
    fn kind(&self, id: IrId) -> Result<&IrKind, FilterError> {
        self.ir
            .node(id)
            .map(|n| &n.kind)
            .ok_or_else(|| FilterError::Invalid("malformed tree".into()))
    }

    fn data_type(&self, id: IrId) -> Result<DataType, FilterError> {
        self.ir
            .node(id)
            .map(|n| n.data_type)
            .ok_or_else(|| FilterError::Invalid("malformed tree".into()))
    }

    /// Emits a subtree in postfix order.
    fn emit_tree(&mut self, root: IrId) -> Result<(), FilterError> {
        let mut todo = vec![Task::Visit(root)];
        while let Some(task) = todo.pop() {
            match task {
                Task::Visit(id) => match self.kind(id)? {
                    IrKind::Unary(_, c) => todo.extend([Task::Operator(id), Task::Visit(*c)]),
                    IrKind::Binary(_, l, r) => {
                        todo.extend([Task::Operator(id), Task::Visit(*r), Task::Visit(*l)]);
                    }
                    IrKind::Logical(_, l, _) => {
                        todo.extend([Task::LogicalMiddle(id), Task::Visit(*l)]);
                    }
                    _ => self.emit_load(id)?,
                },
                Task::Operator(id) => self.emit_operator(id)?,
                Task::LogicalMiddle(id) => {
                    let &IrKind::Logical(op, l, r) = self.kind(id)? else {
                        return Err(FilterError::Invalid("malformed tree".into()));
                    };
                    self.emit_cast(l)?;
                    let code = if op == BinaryOp::And {
                        opcode::AND
                    } else {
                        opcode::OR
                    };
                    let skip_offset_at = self.code.len() + 1;
                    self.code.push(&[code, 0xff, 0xff])?;
                    todo.extend([Task::LogicalEnd(id, skip_offset_at), Task::Visit(r)]);
                }
                Task::LogicalEnd(id, at) => {
                    let &IrKind::Logical(_, _, r) = self.kind(id)? else {
                        return Err(FilterError::Invalid("malformed tree".into()));
                    };
                    self.emit_cast(r)?;
                    // Skip to here: a u16, truncated as upstream truncates it.
                    let target = (self.code.len() as u16).to_ne_bytes();
                    let Some(slot) = self.code.bytes.get_mut(at..at + 2) else {
                        return Err(FilterError::Invalid("bad skip offset".into()));
                    };
                    slot.copy_from_slice(&target);
                }
            }
        }
        Ok(())
    }

    /// Field and floating operands of `&&` / `||` are cast to s64.
    fn emit_cast(&mut self, id: IrId) -> Result<(), FilterError> {
        match self.data_type(id)? {
            DataType::Expression => self.code.push(&[opcode::CAST_TO_S64]),
            DataType::Float => self.code.push(&[opcode::CAST_DOUBLE_TO_S64]),
            DataType::Numeric | DataType::String => Ok(()),
        }
    }

    fn emit_operator(&mut self, id: IrId) -> Result<(), FilterError> {
        let code = match *self.kind(id)? {
            IrKind::Unary(op, _) => match op {
                UnaryOp::Plus => return Ok(()),
                UnaryOp::Minus => opcode::UNARY_MINUS,
                UnaryOp::Not => opcode::UNARY_NOT,
                UnaryOp::BitNot => opcode::UNARY_BIT_NOT,
            },
            IrKind::Binary(op, _, _) => match op {
                BinaryOp::Mul => opcode::MUL,
                BinaryOp::Div => opcode::DIV,
                BinaryOp::Mod => opcode::MOD,
                BinaryOp::Add => opcode::PLUS,
                BinaryOp::Sub => opcode::MINUS,
                BinaryOp::Shr => opcode::BIT_RSHIFT,
                BinaryOp::Shl => opcode::BIT_LSHIFT,
                BinaryOp::BitAnd => opcode::BIT_AND,
                BinaryOp::BitOr => opcode::BIT_OR,
                BinaryOp::BitXor => opcode::BIT_XOR,
                BinaryOp::Eq => opcode::EQ,
                BinaryOp::Ne => opcode::NE,
                BinaryOp::Gt => opcode::GT,
                BinaryOp::Lt => opcode::LT,
                BinaryOp::Ge => opcode::GE,
                BinaryOp::Le => opcode::LE,
                BinaryOp::And | BinaryOp::Or => {
                    return Err(FilterError::Invalid("unexpected logical operator".into()));
                }
            },
            _ => return Err(FilterError::Invalid("malformed tree".into())),
        };
        self.code.push(&[code])
    }

    fn emit_load(&mut self, id: IrId) -> Result<(), FilterError> {
        match self.kind(id)? {
            IrKind::String { value, glob } => {
                let code = if *glob == GlobKind::Star {
                    opcode::LOAD_STAR_GLOB_STRING
                } else {
                    opcode::LOAD_STRING
                };
                let mut insn = Vec::with_capacity(value.len() + 2);
                insn.push(code);
                insn.extend_from_slice(value);
                insn.push(0);
                self.code.push(&insn)
            }
            IrKind::Numeric(v) => {
                let mut insn = vec![opcode::LOAD_S64];
                insn.extend_from_slice(&v.to_ne_bytes());
                self.code.push(&insn)
            }
            IrKind::Float(v) => {
                let mut insn = vec![opcode::LOAD_DOUBLE];
                insn.extend_from_slice(&v.to_bits().to_ne_bytes());
                self.code.push(&insn)
            }
            IrKind::Field(ops) => {
                let ops = ops.clone();
                match legacy_reference(&ops) {
                    Some((code, symbol)) => self.emit_legacy_reference(code, &symbol),
                    None => self.emit_field_ops(&ops),
                }
            }
            _ => Err(FilterError::Invalid("malformed tree".into())),
        }
    }

    fn emit_legacy_reference(&mut self, code: u8, symbol: &str) -> Result<(), FilterError> {
        let position = self.code.reloc_position()?;
        self.code.push(&[code, 0xff, 0xff])?;
        self.relocs.push(&position.to_ne_bytes())?;
        self.push_symbol(symbol)
    }

    fn push_symbol(&mut self, symbol: &str) -> Result<(), FilterError> {
        let mut name = symbol.as_bytes().to_vec();
        name.push(0);
        self.relocs.push(&name)
    }

    fn emit_field_ops(&mut self, ops: &[FieldOp]) -> Result<(), FilterError> {
        for op in ops {
            match op {
                FieldOp::ContextRoot => self.code.push(&[opcode::GET_CONTEXT_ROOT])?,
                FieldOp::AppContextRoot => self.code.push(&[opcode::GET_APP_CONTEXT_ROOT])?,
                FieldOp::PayloadRoot => self.code.push(&[opcode::GET_PAYLOAD_ROOT])?,
                FieldOp::Symbol(name) => {
                    // Where the name lands in the relocation table, after its u16 offset.
                    let name_at = ((self.relocs.len() + 2) as u16).to_ne_bytes();
                    let position = self.code.reloc_position()?;
                    self.code
                        .push(&[opcode::GET_SYMBOL, name_at[0], name_at[1]])?;
                    self.relocs.push(&position.to_ne_bytes())?;
                    self.push_symbol(name)?;
                }
                FieldOp::Index(i) => {
                    let mut insn = vec![opcode::GET_INDEX_U64];
                    insn.extend_from_slice(&i.to_ne_bytes());
                    self.code.push(&insn)?;
                }
                FieldOp::LoadField => self.code.push(&[opcode::LOAD_FIELD])?,
            }
        }
        Ok(())
    }
}

/// A reference made only of names (root, names, load) has a one-instruction legacy form:
/// its opcode and relocated name (`a.b`, `$ctx.a`, `$app.p:c`).
fn legacy_reference(ops: &[FieldOp]) -> Option<(u8, String)> {
    let (code, mut symbol) = match ops.first()? {
        FieldOp::ContextRoot => (opcode::GET_CONTEXT_REF, String::from("$ctx.")),
        FieldOp::AppContextRoot => (opcode::GET_CONTEXT_REF, String::from("$app.")),
        FieldOp::PayloadRoot => (opcode::LOAD_FIELD_REF, String::new()),
        _ => return None,
    };
    let mut first = true;
    for op in &ops[1..] {
        match op {
            FieldOp::Symbol(name) => {
                if !first {
                    symbol.push('.');
                }
                symbol.push_str(name);
                first = false;
            }
            FieldOp::LoadField => return Some((code, symbol)),
            _ => return None,
        }
    }
    None
}
