//! `storyline entities --format json seeds/` finds every required entity of the gold analysis,
//! with its type, aliases and roles, and keeps the `must_not_merge` pairs apart.

mod common;

use serde_json::Value;

/// Names of an entity: canonical name and aliases.
fn names(e: &Value) -> Vec<&str> {
    let mut v = vec![e["name"].as_str().expect("name")];
    v.extend(e["aliases"].as_array().expect("aliases").iter().map(|a| a.as_str().expect("alias")));
    v
}

fn find<'a>(entities: &'a [Value], name: &str) -> Option<(usize, &'a Value)> {
    entities.iter().enumerate().find(|(_, e)| names(e).contains(&name))
}

#[test]
fn seed_entities_match_the_gold() {
    let gold = common::gold();
    let (code, out, err) = common::storyline(&["entities", "--format", "json", &common::seeds_arg()]);
    assert_eq!(code, 0, "stderr: {err}");
    let articles: Vec<Value> = serde_json::from_str(&out).expect("JSON");
    let mut failures = Vec::new();
    for (id, g) in gold["articles"].as_object().expect("articles") {
        let a = articles.iter().find(|a| a["id"] == id.as_str()).expect("article present");
        let entities = a["entities"].as_array().expect("entities array");
        for ge in g["entities"].as_array().expect("gold entities") {
            if ge["optional"] == true {
                continue;
            }
            let name = ge["name"].as_str().expect("gold name");
            let Some((_, e)) = find(entities, name) else {
                failures.push(format!("{id}: no entity named {name}"));
                continue;
            };
            if e["type"] != ge["type"] {
                failures.push(format!("{id}: {name} is {} not {}", e["type"], ge["type"]));
            }
            for alias in ge["aliases"].as_array().into_iter().flatten() {
                let alias = alias.as_str().expect("alias");
                if !names(e).contains(&alias) {
                    failures.push(format!("{id}: {name} lacks alias {alias:?} (has {:?})", names(e)));
                }
            }
            if let Some(role) = ge["role"].as_str() {
                let roles = e["roles"].as_array().expect("roles");
                if !roles.iter().any(|r| r.as_str().is_some_and(|r| r.contains(role))) {
                    failures.push(format!("{id}: {name} lacks role {role:?} (has {roles:?})"));
                }
            }
            for m in e["mentions"].as_array().expect("mentions") {
                let (s, t) =
                    (m["start"].as_u64().expect("start") as usize, m["end"].as_u64().expect("end") as usize);
                assert!(s < t, "{id}: empty mention {m}");
            }
        }
        for pair in g["must_not_merge"].as_array().into_iter().flatten() {
            let (x, y) = (pair[0].as_str().expect("name"), pair[1].as_str().expect("name"));
            match (find(entities, x), find(entities, y)) {
                (Some((i, _)), Some((j, _))) if i != j => {}
                (Some(_), Some(_)) => failures.push(format!("{id}: {x} and {y} were merged")),
                _ => failures.push(format!("{id}: {x} or {y} not found")),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn entity_table_names_each_article() {
    let (code, out, _) = common::storyline(&["entities", &common::seeds_arg()]);
    assert_eq!(code, 0);
    assert!(out.contains("== 000_062679f85e15b100"));
    assert!(out.lines().any(|l| l.starts_with("NAME") && l.contains("ALIASES") && l.contains("ROLES")));
}
