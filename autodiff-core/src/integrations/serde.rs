//! serde for the number types (feature `serde`).
//!
//! [`Dual`], [`Dual2`], [`HyperDual`], [`DualVec`], [`Dual2Vec`] and
//! [`Jet`] implement `Serialize` and `Deserialize` whenever their component
//! type `T` does, so nested numbers such as `Dual<Dual64>` work too. Each is
//! a struct with its public field names; an array field (`eps` of
//! [`DualVec`], `grad` of [`Dual2Vec`], `c` of [`Jet`]) is a sequence of
//! exactly `N` elements, and the Hessian `hess` of [`Dual2Vec`] is a
//! sequence of `N` rows of `N` elements, exactly as stored (its upper
//! triangle is the Hessian; read the full matrix with
//! [`Dual2Vec::hessian`]). In JSON:
//!
//! | type | JSON |
//! |------|------|
//! | `Dual64` | `{"re":1.5,"eps":2.0}` |
//! | `Dual2_64` | `{"re":1.5,"v1":2.0,"v2":0.5}` |
//! | `HyperDual64` | `{"re":1.5,"eps1":1.0,"eps2":1.0,"eps1eps2":0.0}` |
//! | `DualVec64<2>` | `{"re":1.5,"eps":[1.0,0.0]}` |
//! | `Dual2Vec64<2>` | `{"re":1.5,"grad":[1.0,0.0],"hess":[[0.0,0.0],[0.0,0.0]]}` |
//! | `Jet64<3>` | `{"c":[1.5,1.0,0.0]}` |
//! | `Dual<Dual64>` | `{"re":{"re":1.5,"eps":1.0},"eps":{"re":1.0,"eps":0.0}}` |
//!
//! Deserialization accepts the fields in any order (or, in formats without
//! field names, as a sequence in declaration order), ignores unknown
//! fields, and fails with a serde error on a missing or duplicate field or
//! an array of the wrong length.
//!
//! [`Var`](crate::Var) deliberately does **not** implement serde: a
//! reverse-mode number is a slot on the tape of one gradient call and has
//! no meaning outside that call. Save its value instead, with
//! [`Var::value`](crate::Var::value).

use core::fmt;
use core::marker::PhantomData;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeStruct, SerializeTuple};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{Dual, Dual2, Dual2Vec, DualVec, HyperDual, Jet};

/// A field as it is: serialized and deserialized as `T` itself.
struct Plain<T>(T);

impl<T: Serialize> Serialize for Plain<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Plain<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize(d).map(Plain)
    }
}

/// An array field `[T; N]`: a sequence of exactly `N` elements.
struct Array<A>(A);

impl<T: Serialize, const N: usize> Serialize for Array<&[T; N]> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut tup = s.serialize_tuple(N)?;
        for x in self.0 {
            tup.serialize_element(x)?;
        }
        tup.end()
    }
}

/// Reads `[T; N]` from a sequence, rejecting any other length.
struct ArrayVisitor<T, const N: usize>(PhantomData<T>);

impl<'de, T: Deserialize<'de>, const N: usize> Visitor<'de> for ArrayVisitor<T, N> {
    type Value = Array<[T; N]>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "an array of {N} elements")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut v = Vec::with_capacity(N);
        for i in 0..N {
            match seq.next_element()? {
                Some(x) => v.push(x),
                None => return Err(de::Error::invalid_length(i, &self)),
            }
        }
        let mut len = N;
        while seq.next_element::<IgnoredAny>()?.is_some() {
            len += 1;
        }
        if len != N {
            return Err(de::Error::invalid_length(len, &self));
        }
        match v.try_into() {
            Ok(a) => Ok(Array(a)),
            Err(_) => Err(de::Error::invalid_length(N, &self)),
        }
    }
}

impl<'de, T: Deserialize<'de>, const N: usize> Deserialize<'de> for Array<[T; N]> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_tuple(N, ArrayVisitor(PhantomData))
    }
}

/// A square matrix field `[[T; N]; N]`: `N` rows, each an [`Array`].
struct Matrix<A>(A);

impl<T: Serialize, const N: usize> Serialize for Matrix<&[[T; N]; N]> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut tup = s.serialize_tuple(N)?;
        for row in self.0 {
            tup.serialize_element(&Array(row))?;
        }
        tup.end()
    }
}

impl<'de, T: Deserialize<'de>, const N: usize> Deserialize<'de> for Matrix<[[T; N]; N]> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let rows = Array::<[Array<[T; N]>; N]>::deserialize(d)?;
        Ok(Matrix(rows.0.map(|row| row.0)))
    }
}

/// Reads a struct's field name (or index) as one of `self.0`; `None` for
/// an unknown field.
struct FieldSeed(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for FieldSeed {
    type Value = Option<&'static str>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for FieldSeed {
    type Value = Option<&'static str>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field identifier")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(self.0.iter().copied().find(|name| *name == v))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Self::Value, E> {
        Ok(self.0.iter().copied().find(|name| name.as_bytes() == v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(usize::try_from(v).ok().and_then(|i| self.0.get(i).copied()))
    }
}

/// Reads a number type `X` as a struct (a map, or a sequence of its fields).
struct StructVisitor<X>(PhantomData<X>);

/// `Serialize` and `Deserialize` for one number type, a struct with the
/// given fields; each field names its wrapper ([`Plain`], [`Array`] or
/// [`Matrix`]) and the field's type.
macro_rules! impl_serde {
    ($ctor:ident [$($g:tt)*] $ty:ty { $($field:ident: $w:ident<$fty:ty>),+ $(,)? }) => {
        // A struct of its fields.
        impl<$($g)*> Serialize for $ty
        where
            T: Serialize,
        {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                const FIELDS: &[&str] = &[$(stringify!($field)),+];
                let mut st = s.serialize_struct(stringify!($ctor), FIELDS.len())?;
                $(st.serialize_field(stringify!($field), &$w(&self.$field))?;)+
                st.end()
            }
        }

        // Reads the struct's fields.
        impl<'de, $($g)*> Visitor<'de> for StructVisitor<$ty>
        where
            T: Deserialize<'de>,
        {
            type Value = $ty;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(concat!("struct ", stringify!($ctor)))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                const FIELDS: &[&str] = &[$(stringify!($field)),+];
                let mut read = 0usize;
                $(
                    let $field = match seq.next_element::<$w<$fty>>()? {
                        Some(x) => x.0,
                        None => return Err(de::Error::invalid_length(read, &self)),
                    };
                    read += 1;
                )+
                debug_assert_eq!(read, FIELDS.len());
                Ok($ctor { $($field),+ })
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                const FIELDS: &[&str] = &[$(stringify!($field)),+];
                $(let mut $field: Option<$fty> = None;)+
                while let Some(key) = map.next_key_seed(FieldSeed(FIELDS))? {
                    match key {
                        $(
                            Some(stringify!($field)) => {
                                if $field.is_some() {
                                    return Err(de::Error::duplicate_field(stringify!($field)));
                                }
                                $field = Some(map.next_value::<$w<$fty>>()?.0);
                            }
                        )+
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                $(
                    let $field = match $field {
                        Some(x) => x,
                        None => return Err(de::Error::missing_field(stringify!($field))),
                    };
                )+
                Ok($ctor { $($field),+ })
            }
        }

        // A struct of its fields, in any order.
        impl<'de, $($g)*> Deserialize<'de> for $ty
        where
            T: Deserialize<'de>,
        {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                const FIELDS: &[&str] = &[$(stringify!($field)),+];
                d.deserialize_struct(stringify!($ctor), FIELDS, StructVisitor::<$ty>(PhantomData))
            }
        }
    };
}

impl_serde!(Dual [T] Dual<T> { re: Plain<T>, eps: Plain<T> });
impl_serde!(Dual2 [T] Dual2<T> { re: Plain<T>, v1: Plain<T>, v2: Plain<T> });
impl_serde!(HyperDual [T] HyperDual<T> {
    re: Plain<T>,
    eps1: Plain<T>,
    eps2: Plain<T>,
    eps1eps2: Plain<T>,
});
impl_serde!(DualVec [T, const N: usize] DualVec<T, N> { re: Plain<T>, eps: Array<[T; N]> });
impl_serde!(Dual2Vec [T, const N: usize] Dual2Vec<T, N> {
    re: Plain<T>,
    grad: Array<[T; N]>,
    hess: Matrix<[[T; N]; N]>,
});
impl_serde!(Jet [T, const K: usize] Jet<T, K> { c: Array<[T; K]> });
