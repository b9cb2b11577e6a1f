//! The version of the output schema, written first in every article.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The version of the JSON output's schema this storyline writes and reads: `"1"`.
///
/// It changes when a field is removed, renamed or changes meaning (see `CHANGELOG.md`); a field
/// added does not change it.
pub const SCHEMA_VERSION: &str = "1";

/// The `schema_version` field: always [`SCHEMA_VERSION`]. Reading output of another version is
/// an error (a missing field is taken for this version).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct SchemaVersion;

impl fmt::Display for SchemaVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(SCHEMA_VERSION)
    }
}

impl Serialize for SchemaVersion {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(SCHEMA_VERSION)
    }
}

impl<'de> Deserialize<'de> for SchemaVersion {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = String::deserialize(d)?;
        if v == SCHEMA_VERSION {
            Ok(SchemaVersion)
        } else {
            Err(serde::de::Error::custom(format!(
                "output of schema version {v:?}: this storyline reads version {SCHEMA_VERSION:?}"
            )))
        }
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for SchemaVersion {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "SchemaVersion".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "The version of the output schema.",
            "type": "string",
            "const": SCHEMA_VERSION,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_checks_the_version() {
        assert_eq!(serde_json::to_string(&SchemaVersion).unwrap(), "\"1\"");
        assert_eq!(serde_json::from_str::<SchemaVersion>("\"1\"").unwrap(), SchemaVersion);
        let err = serde_json::from_str::<SchemaVersion>("\"2\"").unwrap_err().to_string();
        assert!(err.contains("schema version \"2\""), "{err}");
    }
}
