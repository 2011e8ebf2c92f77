//! Feature `serde`: the number types round-trip through serde_json with
//! every part intact, and derived parameter structs save and load.
#![cfg(feature = "serde")]
#![deny(warnings)]

use autodiff::prelude::*;
use autodiff::{Dual2Vec64, Dual2_32, Dual2_64, HyperDual32, HyperDual64, Jet32};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// `x` to JSON and back.
fn round_trip<X: Serialize + DeserializeOwned>(x: &X) -> X {
    let json = serde_json::to_string(x).unwrap();
    serde_json::from_str(&json).unwrap()
}

#[test]
fn dual_round_trips() {
    let x = Dual64::new(1.5, -2.25);
    let y = round_trip(&x);
    assert_eq!((y.re, y.eps), (1.5, -2.25));

    let x = Dual32::new(0.1, 3.0e-8);
    let y = round_trip(&x);
    assert_eq!((y.re, y.eps), (0.1f32, 3.0e-8f32));
}

#[test]
fn nested_dual_round_trips() {
    let x: Dual<Dual64> = Dual::new(Dual64::new(1.0, 2.0), Dual64::new(3.0, 4.0));
    let json = serde_json::to_string(&x).unwrap();
    assert_eq!(json, r#"{"re":{"re":1.0,"eps":2.0},"eps":{"re":3.0,"eps":4.0}}"#);
    let y: Dual<Dual64> = serde_json::from_str(&json).unwrap();
    assert_eq!((y.re.re, y.re.eps, y.eps.re, y.eps.eps), (1.0, 2.0, 3.0, 4.0));
}

#[test]
fn dual2_round_trips() {
    let x = Dual2_64::new(1.5, -0.5, 7.0);
    let y = round_trip(&x);
    assert_eq!((y.re, y.v1, y.v2), (1.5, -0.5, 7.0));

    let x = Dual2_32::new(2.5, 1.0e-3, -4.0);
    let y = round_trip(&x);
    assert_eq!((y.re, y.v1, y.v2), (2.5f32, 1.0e-3f32, -4.0f32));
}

#[test]
fn hyperdual_round_trips() {
    let x = HyperDual64::new(1.0, 2.0, 3.0, 4.0);
    let y = round_trip(&x);
    assert_eq!((y.re, y.eps1, y.eps2, y.eps1eps2), (1.0, 2.0, 3.0, 4.0));

    let x = HyperDual32::new(0.5, -1.0, 0.25, 1.0e-7);
    let y = round_trip(&x);
    assert_eq!((y.re, y.eps1, y.eps2, y.eps1eps2), (0.5f32, -1.0f32, 0.25f32, 1.0e-7f32));
}

#[test]
fn dualvec_round_trips() {
    let x = DualVec64::<3>::new(1.25, [1.0, -2.0, 0.1]);
    let y = round_trip(&x);
    assert_eq!(y.re, 1.25);
    assert_eq!(y.eps, [1.0, -2.0, 0.1]);

    let x = DualVec32::<2>::new(-3.0, [0.3, 1.0e10]);
    let y = round_trip(&x);
    assert_eq!(y.re, -3.0f32);
    assert_eq!(y.eps, [0.3f32, 1.0e10f32]);

    let x = DualVec64::<0>::new(4.0, []);
    assert_eq!(serde_json::to_string(&x).unwrap(), r#"{"re":4.0,"eps":[]}"#);
    assert_eq!(round_trip(&x).re, 4.0);
}

#[test]
fn dual2vec_round_trips() {
    // Every entry of the stored Hessian, below the diagonal too.
    let x = Dual2Vec64::<2> { re: 0.5, grad: [1.0, 2.0], hess: [[3.0, 4.0], [5.0, 6.0]] };
    let json = serde_json::to_string(&x).unwrap();
    assert_eq!(json, r#"{"re":0.5,"grad":[1.0,2.0],"hess":[[3.0,4.0],[5.0,6.0]]}"#);
    let y: Dual2Vec64<2> = serde_json::from_str(&json).unwrap();
    assert_eq!(y.re, 0.5);
    assert_eq!(y.grad, [1.0, 2.0]);
    assert_eq!(y.hess, [[3.0, 4.0], [5.0, 6.0]]);

    // `new` keeps only the upper triangle, and so does the JSON.
    let x = Dual2Vec64::<2>::new(0.5, [1.0, 2.0], [[3.0, 4.0], [5.0, 6.0]]);
    let y = round_trip(&x);
    assert_eq!(y.hess, [[3.0, 4.0], [0.0, 6.0]]);
    assert_eq!(y.hessian(), [[3.0, 4.0], [4.0, 6.0]]);

    let x = Dual2Vec::<f32, 1>::new(2.0, [-1.0], [[0.125]]);
    let y = round_trip(&x);
    assert_eq!((y.re, y.grad, y.hess), (2.0f32, [-1.0f32], [[0.125f32]]));
}

#[test]
fn jet_round_trips() {
    let x = Jet64::<4>::new([8.0, 12.0, 6.0, 1.0]);
    let json = serde_json::to_string(&x).unwrap();
    assert_eq!(json, r#"{"c":[8.0,12.0,6.0,1.0]}"#);
    let y: Jet64<4> = serde_json::from_str(&json).unwrap();
    assert_eq!(y.c, [8.0, 12.0, 6.0, 1.0]);

    let x = Jet32::<3>::new([0.1, -0.2, 0.3]);
    assert_eq!(round_trip(&x).c, [0.1f32, -0.2f32, 0.3f32]);

    // Nested: a jet of duals.
    let x = Jet::<Dual64, 2>::new([Dual64::new(1.0, 2.0), Dual64::new(3.0, 4.0)]);
    let y = round_trip(&x);
    assert_eq!((y.c[0].re, y.c[0].eps, y.c[1].re, y.c[1].eps), (1.0, 2.0, 3.0, 4.0));
}

#[test]
fn the_exact_json_text() {
    let x = Dual64::new(1.5, 2.0);
    assert_eq!(serde_json::to_string(&x).unwrap(), r#"{"re":1.5,"eps":2.0}"#);
    let x = DualVec64::<2>::new(1.5, [1.0, 0.0]);
    assert_eq!(serde_json::to_string(&x).unwrap(), r#"{"re":1.5,"eps":[1.0,0.0]}"#);
}

#[test]
fn fields_in_any_order_and_unknown_fields_ignored() {
    let x: Dual64 = serde_json::from_str(r#"{"eps":2.0,"note":"hi","re":1.5}"#).unwrap();
    assert_eq!((x.re, x.eps), (1.5, 2.0));
}

#[test]
fn wrong_length_arrays_fail() {
    let err = serde_json::from_str::<DualVec64<2>>(r#"{"re":1.0,"eps":[1.0,2.0,3.0]}"#)
        .unwrap_err()
        .to_string();
    assert!(err.contains("invalid length 3, expected an array of 2 elements"), "{err}");

    let err =
        serde_json::from_str::<DualVec64<2>>(r#"{"re":1.0,"eps":[1.0]}"#).unwrap_err().to_string();
    assert!(err.contains("invalid length 1, expected an array of 2 elements"), "{err}");

    let err = serde_json::from_str::<Jet64<3>>(r#"{"c":[]}"#).unwrap_err().to_string();
    assert!(err.contains("invalid length 0, expected an array of 3 elements"), "{err}");

    // A Hessian row of the wrong length.
    let json = r#"{"re":0.0,"grad":[0.0,0.0],"hess":[[0.0,0.0],[0.0]]}"#;
    let err = serde_json::from_str::<Dual2Vec64<2>>(json).unwrap_err().to_string();
    assert!(err.contains("invalid length 1, expected an array of 2 elements"), "{err}");
}

#[test]
fn missing_and_duplicate_fields_fail() {
    let err = serde_json::from_str::<Dual64>(r#"{"re":1.0}"#).unwrap_err().to_string();
    assert!(err.contains("missing field `eps`"), "{err}");
    let err =
        serde_json::from_str::<Dual64>(r#"{"re":1.0,"eps":2.0,"re":3.0}"#).unwrap_err().to_string();
    assert!(err.contains("duplicate field `re`"), "{err}");
}

#[test]
fn a_sequence_of_fields_also_deserializes() {
    // Formats without field names write a struct as its fields in order.
    let x: Dual64 = serde_json::from_str("[1.5,2.0]").unwrap();
    assert_eq!((x.re, x.eps), (1.5, 2.0));
    let x: DualVec64<2> = serde_json::from_str("[1.5,[1.0,0.0]]").unwrap();
    assert_eq!((x.re, x.eps), (1.5, [1.0, 0.0]));
    assert!(serde_json::from_str::<Dual64>("[1.5]").is_err());
}

/// A fitted line's parameters, saved between runs.
#[derive(Differentiable, serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq)]
struct Line<T> {
    slope: T,
    intercept: T,
}

/// Squared error of the line against three points.
fn line_loss<T: Scalar>(p: &Line<T>) -> T {
    let points = [(0.0, 1.0), (1.0, 2.5), (2.0, 5.5)];
    points.iter().map(|&(x, y)| (p.slope * x + p.intercept - y).powi(2)).sum()
}

#[test]
fn derived_parameters_save_and_load() {
    let p = Line { slope: 1.75, intercept: -0.3 };
    let json = serde_json::to_string(&p).unwrap();
    assert_eq!(json, r#"{"slope":1.75,"intercept":-0.3}"#);
    let q: Line<f64> = serde_json::from_str(&json).unwrap();
    assert_eq!(q, p);

    let (l1, g1) = gradient_params(line_loss, &p);
    let (l2, g2) = gradient_params(line_loss, &q);
    assert_eq!(l1, l2);
    assert_eq!(g1, g2);
    // ∂/∂slope = Σ 2r·x, ∂/∂intercept = Σ 2r with r = slope·x + intercept - y
    let r = [-1.3, -1.05, -2.3];
    assert!((g1.slope - 2.0 * (r[1] + 2.0 * r[2])).abs() < 1e-12);
    assert!((g1.intercept - 2.0 * (r[0] + r[1] + r[2])).abs() < 1e-12);
}
