//! The types of expression operands and customer fields.

use std::fmt;

/// The type of an operand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Type {
    /// `14d`, `since …`, `time_in_stage`
    Duration,
    /// `3`, `count …`
    Number,
    /// A decimal in yuan.
    Money,
    /// `80%`
    Percent,
    /// A condition.
    Bool,
    /// Text.
    Text,
    /// A pipeline stage.
    Stage,
    /// A health state.
    State,
    /// A segment.
    Segment,
    /// A calendar date.
    Date,
    /// An instant.
    Time,
}

impl Type {
    /// Whether `<`, `>` … apply (stages are ordered by the pipeline).
    pub fn is_ordered(self) -> bool {
        matches!(
            self,
            Type::Duration
                | Type::Number
                | Type::Money
                | Type::Percent
                | Type::Stage
                | Type::Date
                | Type::Time
        )
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Type::Duration => "duration",
            Type::Number => "number",
            Type::Money => "money",
            Type::Percent => "percent",
            Type::Bool => "bool",
            Type::Text => "text",
            Type::Stage => "stage",
            Type::State => "health state",
            Type::Segment => "segment",
            Type::Date => "date",
            Type::Time => "time",
        })
    }
}

/// The type of a declared `field`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldType {
    /// `text`
    Text,
    /// `number`
    Number,
    /// `money`
    Money,
    /// `bool`
    Bool,
    /// `date`
    Date,
    /// `time`
    Time,
}

impl FieldType {
    /// Every field type with its keyword.
    pub const ALL: [(&'static str, FieldType); 6] = [
        ("text", FieldType::Text),
        ("number", FieldType::Number),
        ("money", FieldType::Money),
        ("bool", FieldType::Bool),
        ("date", FieldType::Date),
        ("time", FieldType::Time),
    ];

    /// The operand type of a field of this type.
    pub fn value_type(self) -> Type {
        match self {
            FieldType::Text => Type::Text,
            FieldType::Number => Type::Number,
            FieldType::Money => Type::Money,
            FieldType::Bool => Type::Bool,
            FieldType::Date => Type::Date,
            FieldType::Time => Type::Time,
        }
    }
}
