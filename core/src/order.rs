//! Stable sorting through one non-generic merge sort of indices. The engine orders several kinds
//! of list (signals, gaps, improvements, problems, bands, object keys); the standard library's
//! sorts are instantiated per element type and comparator, which costs about 25 KB in the
//! WebAssembly module, while this shares one copy.

/// The stable order of `n` elements: `less(a, b)` is true when element `a` must come before `b`.
pub(crate) fn order(n: usize, less: &dyn Fn(usize, usize) -> bool) -> Vec<usize> {
    let mut a: Vec<usize> = (0..n).collect();
    let mut b = vec![0; n];
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut l, mut r, mut k) = (start, mid, start);
            while l < mid && r < end {
                // Take from the right only when strictly before: that keeps the sort stable.
                if less(a[r], a[l]) {
                    b[k] = a[r];
                    r += 1;
                } else {
                    b[k] = a[l];
                    l += 1;
                }
                k += 1;
            }
            b[k..k + (mid - l)].copy_from_slice(&a[l..mid]);
            k += mid - l;
            b[k..k + (end - r)].copy_from_slice(&a[r..end]);
            start = end;
        }
        std::mem::swap(&mut a, &mut b);
        width *= 2;
    }
    a
}

/// Sorts `v` stably: `less(x, y)` is true when `x` must come before `y`.
pub(crate) fn sort_by<T>(v: &mut Vec<T>, less: impl Fn(&T, &T) -> bool) {
    if v.len() < 2 {
        return;
    }
    let idx = order(v.len(), &|i, j| less(&v[i], &v[j]));
    let mut slots: Vec<Option<T>> = std::mem::take(v).into_iter().map(Some).collect();
    v.extend(
        idx.into_iter()
            .filter_map(|i| slots.get_mut(i).and_then(Option::take)),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably() {
        let mut v: Vec<(u8, usize)> = [3u8, 1, 2, 1, 3, 0, 2, 1]
            .iter()
            .copied()
            .zip(0..)
            .collect();
        sort_by(&mut v, |a, b| a.0 < b.0);
        assert_eq!(
            v,
            [
                (0, 5),
                (1, 1),
                (1, 3),
                (1, 7),
                (2, 2),
                (2, 6),
                (3, 0),
                (3, 4)
            ]
        );
        for n in 0..40usize {
            let mut w: Vec<usize> = (0..n).map(|i| (i * 7919) % 13).collect();
            let mut expected = w.clone();
            expected.sort();
            sort_by(&mut w, |a, b| a < b);
            assert_eq!(w, expected);
        }
    }
}
