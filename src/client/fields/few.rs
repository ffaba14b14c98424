//! A short list kept on the stack: a notification signature covers a
//! handful of members, and listing them should not allocate on every call.

use std::fmt;

/// Up to `N` items inline; a longer list moves to the heap.
pub(crate) struct Few<T, const N: usize> {
    inline: [T; N],
    len: usize,
    /// Every item, once there are more than `N`.
    spilled: Vec<T>,
}

impl<T: Default, const N: usize> Few<T, N> {
    /// An empty list.
    pub(crate) fn new() -> Self {
        Few {
            inline: std::array::from_fn(|_| T::default()),
            len: 0,
            spilled: Vec::new(),
        }
    }

    /// `len` default items.
    pub(crate) fn defaults(len: usize) -> Self {
        let mut few = Self::new();
        if len <= N {
            few.len = len;
        } else {
            few.spilled.resize_with(len, T::default);
        }
        few
    }

    /// Appends `item`.
    pub(crate) fn push(&mut self, item: T) {
        if self.len < N {
            self.inline[self.len] = item;
            self.len += 1;
            return;
        }
        if self.spilled.is_empty() {
            self.spilled
                .extend(self.inline.iter_mut().map(std::mem::take));
        }
        self.spilled.push(item);
    }

    /// The items, in order.
    pub(crate) fn as_slice(&self) -> &[T] {
        if self.spilled.is_empty() {
            &self.inline[..self.len]
        } else {
            &self.spilled
        }
    }

    /// The items, in order, to change in place.
    pub(crate) fn as_mut_slice(&mut self) -> &mut [T] {
        if self.spilled.is_empty() {
            &mut self.inline[..self.len]
        } else {
            &mut self.spilled
        }
    }
}

impl<T: Default + PartialEq, const N: usize> PartialEq for Few<T, N> {
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl<T: Default + Eq, const N: usize> Eq for Few<T, N> {}

impl<T: Default + fmt::Debug, const N: usize> fmt::Debug for Few<T, N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.as_slice()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::Few;

    #[test]
    fn keeps_order_inline_and_after_spilling() {
        let mut few: Few<u32, 2> = Few::new();
        assert_eq!(few.as_slice(), &[] as &[u32]);
        few.push(1);
        few.push(2);
        assert_eq!(few.as_slice(), &[1, 2]);
        few.push(3);
        few.push(4);
        assert_eq!(few.as_slice(), &[1, 2, 3, 4]);
        few.as_mut_slice()[2] = 30;
        assert_eq!(few.as_slice(), &[1, 2, 30, 4]);
    }

    #[test]
    fn defaults_of_any_length() {
        let few: Few<Option<u8>, 2> = Few::defaults(3);
        assert_eq!(few.as_slice(), &[None, None, None]);
        let few: Few<Option<u8>, 4> = Few::defaults(3);
        assert_eq!(few.as_slice(), &[None, None, None]);
        assert_eq!(Few::<u8, 4>::defaults(2), Few::<u8, 4>::defaults(2));
        assert_ne!(Few::<u8, 4>::defaults(2), Few::<u8, 4>::defaults(3));
    }
}
