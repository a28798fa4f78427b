//! Matching expected items (tasks, outbox messages, fired steps) to actual rows,
//! each row used at most once. A greedy first-fit can miss a matching that
//! exists (`[A or B, A]` against `[A, B]`), so this finds a maximum one by
//! augmenting paths (Kuhn's algorithm); the lists are small.

/// For each expected item, the actual row it is matched to, if any; as many
/// items as possible are matched.
pub fn match_items(
    expected: usize,
    actual: usize,
    fits: impl Fn(usize, usize) -> bool,
) -> Vec<Option<usize>> {
    let fit: Vec<Vec<usize>> = (0..expected)
        .map(|i| (0..actual).filter(|&j| fits(i, j)).collect())
        .collect();
    let mut owner: Vec<Option<usize>> = vec![None; actual];
    for i in 0..expected {
        let mut seen = vec![false; actual];
        augment(i, &fit, &mut owner, &mut seen);
    }
    let mut out = vec![None; expected];
    for (j, i) in owner.iter().enumerate() {
        if let Some(i) = i {
            out[*i] = Some(j);
        }
    }
    out
}

fn augment(i: usize, fit: &[Vec<usize>], owner: &mut [Option<usize>], seen: &mut [bool]) -> bool {
    for &j in &fit[i] {
        if seen[j] {
            continue;
        }
        seen[j] = true;
        if owner[j].is_none_or(|k| augment(k, fit, owner, seen)) {
            owner[j] = Some(i);
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::match_items;

    #[test]
    fn a_loose_item_does_not_steal_the_only_row_of_a_strict_one() {
        // Expected 0 fits rows 0 and 1; expected 1 fits only row 0.
        let fits = |i: usize, j: usize| i == 0 || j == 0;
        assert_eq!(match_items(2, 2, fits), vec![Some(1), Some(0)]);
    }

    #[test]
    fn each_row_is_used_once() {
        let fits = |_: usize, j: usize| j == 0;
        assert_eq!(match_items(2, 1, fits), vec![Some(0), None]);
        assert_eq!(match_items(0, 3, fits), Vec::<Option<usize>>::new());
    }
}
