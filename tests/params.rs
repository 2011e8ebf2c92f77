//! `#[derive(Differentiable)]`: gradients with respect to a struct of
//! parameters, in the struct's own shape.
#![deny(warnings)]

use approx::assert_relative_eq;
use autodiff::prelude::*;

/// The seed material's network: 2 inputs, 3 linear hidden units, 1 output.
#[derive(Differentiable, Clone, Debug, PartialEq)]
struct Net<T> {
    w1: [[T; 2]; 3],
    w2: [T; 3],
}

/// ½(y - ŷ)² for one sample.
#[differentiable]
fn net_loss(net: &Net<f64>, #[constant] x: [f64; 2], #[constant] y: f64) -> f64 {
    let mut y_hat = 0.0;
    for i in 0..3 {
        let z = net.w1[i][0] * x[0] + net.w1[i][1] * x[1];
        y_hat += net.w2[i] * z;
    }
    0.5 * (y - y_hat).powi(2)
}

#[test]
fn the_seed_backprop_numbers() {
    // ../shared/SEEDS.md, item 7.
    let (x, y) = ([40.0, 80.0], 60.0);
    let net = Net { w1: [[0.5; 2]; 3], w2: [1.0; 3] };
    assert_eq!(net_loss(&net, x, y), 7200.0);
    let (loss, g) = gradient_params(|n| net_loss(n, x, y), &net);
    assert_eq!(loss, 7200.0);
    assert_eq!(g.w2, [7200.0; 3]);
    assert_eq!(g.w1, [[4800.0, 9600.0]; 3]);
    // The same through the extension method.
    assert_eq!((|n: &_| net_loss(n, x, y)).grad(&net), g);

    let lr = 1e-5;
    let stepped = net.zip_map(&g, |w, gw| w - lr * gw);
    assert_relative_eq!(stepped.w2[0], 0.928, max_relative = 1e-15);
    assert_relative_eq!(stepped.w1[0][0], 0.452, max_relative = 1e-15);
    assert_relative_eq!(stepped.w1[2][1], 0.404, max_relative = 1e-15);
    assert_relative_eq!(net_loss(&stepped, x, y), 3225.13717248, max_relative = 1e-12);
}

/// The same loss over a hand-flattened array, for comparison.
fn flat_loss<T: Scalar>(p: [T; 9], x: [f64; 2], y: f64) -> T {
    let mut y_hat = T::zero();
    for i in 0..3 {
        let z = p[2 * i] * x[0] + p[2 * i + 1] * x[1];
        y_hat += p[6 + i] * z;
    }
    (y_hat - y).powi(2) * 0.5
}

#[test]
fn a_struct_gradient_equals_the_flattened_array_gradient() {
    let (x, y) = ([0.3, -1.2], 0.7);
    let net = Net { w1: [[0.1, -0.4], [0.9, 0.2], [-0.5, 0.35]], w2: [1.5, -0.25, 0.8] };
    let mut flat = [0.0; 9];
    let mut k = 0;
    net.visit(&mut |&w| {
        flat[k] = w;
        k += 1;
    });
    assert_eq!(net.scalar_count(), 9);
    let (l1, g_flat) = gradient(|p| flat_loss(p, x, y), flat);
    let (l2, g) = gradient_params(|n| net_loss(n, x, y), &net);
    assert_relative_eq!(l1, l2, max_relative = 1e-15);
    let mut k = 0;
    g.visit(&mut |&gi| {
        assert_relative_eq!(gi, g_flat[k], max_relative = 1e-14, epsilon = 1e-15);
        k += 1;
    });
}

/// A layer with a runtime-sized bias and a constant label.
#[derive(Differentiable, Debug)]
struct Layer<T> {
    w: [T; 2],
    bias: Vec<T>,
    #[constant]
    label: String,
    #[constant]
    scale: f64,
}

/// Two layers and a scalar.
#[derive(Differentiable, Debug)]
struct Model<T> {
    first: Layer<T>,
    second: Layer<T>,
    offset: T,
}

fn model_energy<T: Scalar>(m: &Model<T>) -> T {
    let layer = |l: &Layer<T>| {
        let b: T = l.bias.iter().copied().sum();
        (l.w[0] * l.w[1] + b * b) * l.scale
    };
    layer(&m.first) + layer(&m.second) * m.offset
}

#[test]
fn nested_structs_vec_fields_and_constants() {
    let m = Model {
        first: Layer { w: [2.0, 3.0], bias: vec![1.0, 0.5], label: "in".into(), scale: 2.0 },
        second: Layer {
            w: [1.0, -1.0],
            bias: (0..20).map(f64::from).collect(),
            label: "out".into(),
            scale: 0.5,
        },
        offset: 3.0,
    };
    assert_eq!(m.scalar_count(), 2 + 2 + 2 + 20 + 1);
    let (e, g) = gradient_params(model_energy, &m);
    // first: (w0 w1 + (Σb)²)·2 = (6 + 2.25)·2 = 16.5
    // second: (-1 + 190²)·0.5 = 18049.5, times offset 3
    assert_eq!(e, 16.5 + 3.0 * 18049.5);
    // ∂/∂first.w = 2(w1, w0), ∂/∂first.bᵢ = 2·2Σb
    assert_eq!(g.first.w, [6.0, 4.0]);
    assert_eq!(g.first.bias, vec![6.0, 6.0]);
    // ∂/∂second.w = 3·0.5(w1, w0), ∂/∂second.bᵢ = 3·0.5·2Σb
    assert_eq!(g.second.w, [-1.5, 1.5]);
    assert_eq!(g.second.bias, vec![570.0; 20]);
    assert_eq!(g.offset, 18049.5);
    // Constants are carried, not differentiated.
    assert_eq!((g.first.label.as_str(), g.first.scale), ("in", 2.0));
    assert_eq!((g.second.label.as_str(), g.second.scale), ("out", 0.5));
}

/// A model of the shape of the one above, its scalars numbered 0, 1, ... in
/// the order of `visit`.
fn numbered_model() -> Model<f64> {
    let layer = |start: f64, biases: usize, label: &str| Layer {
        w: [start, start + 1.0],
        bias: (0..biases).map(|k| start + 2.0 + k as f64).collect(),
        label: label.into(),
        scale: 0.5,
    };
    Model { first: layer(0.0, 2, "in"), second: layer(4.0, 3, "out"), offset: 9.0 }
}

#[test]
fn to_vec_lists_the_scalars_in_visit_order_and_with_values_rebuilds() {
    let m = numbered_model();
    let flat = m.to_vec();
    assert_eq!(flat, (0..10).map(f64::from).collect::<Vec<_>>());
    let rebuilt = m.with_values(&flat.iter().map(|x| -x).collect::<Vec<_>>());
    assert_eq!(rebuilt.first.w, [-0.0, -1.0]);
    assert_eq!(rebuilt.first.bias, vec![-2.0, -3.0]);
    assert_eq!(rebuilt.second.w, [-4.0, -5.0]);
    assert_eq!(rebuilt.second.bias, vec![-6.0, -7.0, -8.0]);
    assert_eq!(rebuilt.offset, -9.0);
    assert_eq!((rebuilt.second.label.as_str(), rebuilt.second.scale), ("out", 0.5));
    // Another scalar type, same shape.
    let labels: Model<String> =
        m.with_values(&flat.iter().map(|x| format!("p{x}")).collect::<Vec<_>>());
    assert_eq!(labels.second.bias[2], "p8");
}

#[test]
fn zip_map_pairs_each_scalar_with_its_gradient() {
    let m = numbered_model();
    let (_, g) = gradient_params(model_energy, &m);
    let lr = 0.01;
    let stepped = m.zip_map(&g, |w, gw| w - lr * gw);
    let (w, gw) = (m.to_vec(), g.to_vec());
    let want: Vec<f64> = w.iter().zip(&gw).map(|(w, gw)| w - lr * gw).collect();
    assert_eq!(stepped.to_vec(), want);
    assert_eq!(stepped.second.label, "out");
    // Pairs of different scalar types.
    let tagged: Model<(f64, bool)> = m.zip_map(&g, |&w, &gw| (w, gw > 0.0));
    assert_eq!(tagged.offset, (9.0, g.offset > 0.0));
}

#[test]
#[should_panic(expected = "zip_map: the struct holds 10 scalars but 11 values were given")]
fn zip_map_of_a_struct_of_another_length_panics() {
    let m = numbered_model();
    let mut other = numbered_model();
    other.second.bias.push(0.0);
    m.zip_map(&other, |a, b| a + b);
}

#[test]
#[should_panic(expected = "with_values: the struct holds 10 scalars but 3 values were given")]
fn with_values_of_the_wrong_length_panics() {
    numbered_model().with_values(&[1.0, 2.0, 3.0]);
}

#[test]
fn jvp_along_a_struct_direction() {
    let net = Net { w1: [[0.5; 2]; 3], w2: [1.0; 3] };
    let v = Net { w1: [[1.0, 0.0]; 3], w2: [0.0, 0.0, 1.0] };
    let (x, y) = ([40.0, 80.0], 60.0);
    // ∇·v = 3·4800 + 7200
    let (l, d) = jvp_params(|n| net_loss(n, x, y), &net, &v);
    assert_eq!((l, d), (7200.0, 3.0 * 4800.0 + 7200.0));
}

#[test]
#[should_panic(expected = "jvp_params: the parameters hold 3 scalars but the direction v holds 4")]
fn jvp_with_a_direction_of_another_size_panics() {
    #[derive(Differentiable)]
    struct V<T> {
        x: Vec<T>,
    }
    jvp_params(
        |v| v.x.iter().copied().sum::<Dual64>(),
        &V { x: vec![1.0; 3] },
        &V { x: vec![1.0; 4] },
    );
}

#[test]
fn training_the_seed_network_drives_the_loss_to_zero() {
    let (x, y) = ([40.0, 80.0], 60.0);
    let mut net = Net { w1: [[0.5; 2]; 3], w2: [1.0; 3] };
    for _ in 0..200 {
        let g = (|n: &_| net_loss(n, x, y)).grad(&net);
        let mut grads = Vec::new();
        g.visit(&mut |&gi| grads.push(gi));
        let mut k = 0;
        net = net.map(&mut |&w| {
            let w = w - 1e-5 * grads[k];
            k += 1;
            w
        });
    }
    assert!(net_loss(&net, x, y) < 1e-12, "loss {}", net_loss(&net, x, y));
}

/// The squared norm of every weight.
#[differentiable]
fn weight_norm(net: &Net<f64>) -> f64 {
    let w1: f64 = net.w1.iter().flatten().map(|w| w * w).sum();
    let w2: f64 = net.w2.iter().map(|w| w * w).sum();
    w1 + w2
}

#[test]
fn a_differentiable_fn_of_a_struct_has_grad() {
    let net = Net { w1: [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], w2: [7.0, 8.0, 9.0] };
    let g = weight_norm.grad(&net);
    assert_eq!(g, Net { w1: [[2.0, 4.0], [6.0, 8.0], [10.0, 12.0]], w2: [14.0, 16.0, 18.0] });
    assert_eq!(weight_norm.value_and_grad(&net).0, 285.0);
}
