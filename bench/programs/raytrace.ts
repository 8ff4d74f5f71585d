// Ray tracer: spheres and a checkered floor plane, one point light, ambient + diffuse + specular
// shading, hard shadows and mirror reflections (up to MAX_DEPTH bounces), rendered in f64 RGB
// with 2x2 supersampling. Every band of rows is one task: it renders into arrays of its own and
// publishes them with one write at its end. The scene is immutable (readonly fields, shapes in a
// linked list), so tasks read it without barriers and never conflict. Checks: every channel is
// finite and non-negative, every SAMPLE_STEP-th row equals a sequential re-rendering bit for bit,
// and the rays through the image centre hit the sphere in front of the camera. Prints a checksum
// of the pixels quantised to 0..255 (floor of value*255, clamped).
// PyPy-STM's evaluation set has a ray tracer of this shape (rows of the image as transactions).
import { i32, i64, f64, bool, print, transaction } from "stmc";

const MAX_DEPTH = 4;
const ROWS_PER_TASK = 2;
const SAMPLE_STEP = 16;
const EPSILON = 1e-6;
const FAR = 1e30;

class Vec {
  readonly x: f64;
  readonly y: f64;
  readonly z: f64;
  constructor(x: f64, y: f64, z: f64) {
    this.x = x;
    this.y = y;
    this.z = z;
  }
  add(o: Vec): Vec {
    return new Vec(this.x + o.x, this.y + o.y, this.z + o.z);
  }
  sub(o: Vec): Vec {
    return new Vec(this.x - o.x, this.y - o.y, this.z - o.z);
  }
  scale(s: f64): Vec {
    return new Vec(this.x * s, this.y * s, this.z * s);
  }
  mul(o: Vec): Vec {
    return new Vec(this.x * o.x, this.y * o.y, this.z * o.z);
  }
  dot(o: Vec): f64 {
    return this.x * o.x + this.y * o.y + this.z * o.z;
  }
  cross(o: Vec): Vec {
    return new Vec(this.y * o.z - this.z * o.y, this.z * o.x - this.x * o.z, this.x * o.y - this.y * o.x);
  }
  length(): f64 {
    return Math.sqrt(this.dot(this));
  }
  normalized(): Vec {
    return this.scale(1.0 / this.length());
  }
}

class Material {
  readonly color: Vec;
  /** Second colour of a checkerboard (the same as color for a plain material). */
  readonly color2: Vec;
  readonly diffuse: f64;
  readonly specular: f64;
  readonly reflect: f64;
  constructor(color: Vec, color2: Vec, diffuse: f64, specular: f64, reflect: f64) {
    this.color = color;
    this.color2 = color2;
    this.diffuse = diffuse;
    this.specular = specular;
    this.reflect = reflect;
  }
}

class Shape {
  readonly material: Material;
  readonly next: Shape | null;
  readonly id: i32;
  constructor(material: Material, next: Shape | null, id: i32) {
    this.material = material;
    this.next = next;
    this.id = id;
  }
  /** The distance along the ray to the nearest hit beyond EPSILON, or FAR. */
  intersect(origin: Vec, dir: Vec): f64 {
    return FAR;
  }
  normalAt(p: Vec): Vec {
    return new Vec(0, 1, 0);
  }
  colorAt(p: Vec): Vec {
    return this.material.color;
  }
}

class Sphere extends Shape {
  readonly center: Vec;
  readonly radius: f64;
  constructor(center: Vec, radius: f64, material: Material, next: Shape | null, id: i32) {
    super(material, next, id);
    this.center = center;
    this.radius = radius;
  }
  intersect(origin: Vec, dir: Vec): f64 {
    const oc = origin.sub(this.center);
    const b = oc.dot(dir);
    const c = oc.dot(oc) - this.radius * this.radius;
    const disc = b * b - c;
    if (disc < 0.0) return FAR;
    const s = Math.sqrt(disc);
    const t1 = -b - s;
    if (t1 > EPSILON) return t1;
    const t2 = -b + s;
    if (t2 > EPSILON) return t2;
    return FAR;
  }
  normalAt(p: Vec): Vec {
    return p.sub(this.center).scale(1.0 / this.radius);
  }
}

/** The plane n·p = offset, checkered in squares of side 1 along x and z. */
class Plane extends Shape {
  readonly normal: Vec;
  readonly offset: f64;
  constructor(normal: Vec, offset: f64, material: Material, next: Shape | null, id: i32) {
    super(material, next, id);
    this.normal = normal;
    this.offset = offset;
  }
  intersect(origin: Vec, dir: Vec): f64 {
    const denom = this.normal.dot(dir);
    if (Math.abs(denom) < 1e-12) return FAR;
    const t = (this.offset - this.normal.dot(origin)) / denom;
    if (t > EPSILON) return t;
    return FAR;
  }
  normalAt(p: Vec): Vec {
    return this.normal;
  }
  colorAt(p: Vec): Vec {
    const cx = i32(Math.floor(p.x)) & 1;
    const cz = i32(Math.floor(p.z)) & 1;
    return (cx ^ cz) === 0 ? this.material.color : this.material.color2;
  }
}

class Scene {
  readonly shapes: Shape;
  readonly light: Vec;
  readonly lightColor: Vec;
  readonly ambient: f64;
  readonly eye: Vec;
  readonly forward: Vec;
  readonly right: Vec;
  readonly up: Vec;
  readonly width: i32;
  readonly height: i32;
  constructor(shapes: Shape, width: i32, height: i32) {
    this.shapes = shapes;
    this.light = new Vec(-4.0, 7.0, -6.0);
    this.lightColor = new Vec(1.0, 0.95, 0.9);
    this.ambient = 0.1;
    this.eye = new Vec(0.0, 1.8, -7.0);
    const target = new Vec(0.0, 0.9, 0.0);
    this.forward = target.sub(this.eye).normalized();
    this.right = new Vec(0, 1, 0).cross(this.forward).normalized().scale(0.6 * f64(width) / f64(height));
    this.up = this.forward.cross(this.right).normalized().scale(0.6);
    this.width = width;
    this.height = height;
  }
}

function plain(r: f64, g: f64, b: f64, diffuse: f64, specular: f64, reflect: f64): Material {
  const c = new Vec(r, g, b);
  return new Material(c, c, diffuse, specular, reflect);
}

function buildScene(width: i32, height: i32): Scene {
  let shapes: Shape = new Plane(new Vec(0, 1, 0), 0.0,
    new Material(new Vec(0.9, 0.9, 0.9), new Vec(0.15, 0.15, 0.2), 0.9, 0.1, 0.25), null, 0);
  shapes = new Sphere(new Vec(0.0, 1.0, 0.0), 1.0, plain(0.9, 0.2, 0.2, 0.7, 0.6, 0.35), shapes, 1);
  shapes = new Sphere(new Vec(-2.3, 0.8, 1.2), 0.8, plain(0.2, 0.85, 0.3, 0.9, 0.3, 0.1), shapes, 2);
  shapes = new Sphere(new Vec(2.1, 0.7, -0.4), 0.7, plain(0.25, 0.35, 0.95, 0.6, 0.8, 0.5), shapes, 3);
  shapes = new Sphere(new Vec(0.9, 0.35, -2.2), 0.35, plain(0.95, 0.85, 0.2, 0.8, 0.5, 0.2), shapes, 4);
  shapes = new Sphere(new Vec(-1.0, 0.3, -2.6), 0.3, plain(0.9, 0.9, 0.9, 0.2, 0.9, 0.8), shapes, 5);
  // A ring of small spheres behind the big one.
  for (let k = 0; k < 8; k++) {
    const a = f64(k) * (Math.PI / 4.0);
    const x = 3.5 * sinApprox(a);
    const z = 3.0 + 1.5 * cosApprox(a);
    shapes = new Sphere(new Vec(x, 0.25, z), 0.25, plain(0.3 + 0.08 * f64(k), 0.5, 0.9 - 0.08 * f64(k), 0.8, 0.4, 0.15), shapes, 6 + k);
  }
  return new Scene(shapes, width, height);
}

/** sin by its Taylor series on [-pi, pi] (Math.sin is not in the language); exact enough for placement. */
function sinApprox(x0: f64): f64 {
  let x = x0;
  while (x > Math.PI) x -= 2.0 * Math.PI;
  while (x < -Math.PI) x += 2.0 * Math.PI;
  let term = x;
  let sum = x;
  for (let n = 1; n < 12; n++) {
    term = -term * x * x / f64((2 * n) * (2 * n + 1));
    sum += term;
  }
  return sum;
}

function cosApprox(x: f64): f64 {
  return sinApprox(x + Math.PI / 2.0);
}

/** The nearest shape a ray hits (null: none) and its distance. */
class Hit {
  shape: Shape | null = null;
  t: f64 = FAR;
}

function nearest(scene: Scene, origin: Vec, dir: Vec, hit: Hit): void {
  hit.shape = null;
  hit.t = FAR;
  let s: Shape | null = scene.shapes;
  while (s !== null) {
    const t = s.intersect(origin, dir);
    if (t < hit.t) {
      hit.t = t;
      hit.shape = s;
    }
    s = s.next;
  }
}

function inShadow(scene: Scene, p: Vec, toLight: Vec, distance: f64): bool {
  let s: Shape | null = scene.shapes;
  while (s !== null) {
    if (s.intersect(p, toLight) < distance) return true;
    s = s.next;
  }
  return false;
}

function sky(dir: Vec): Vec {
  const t = 0.5 * (dir.y + 1.0);
  return new Vec(0.55 + 0.35 * t, 0.65 + 0.3 * t, 0.95);
}

/** x^16, for the specular highlight. */
function pow16(x: f64): f64 {
  const x2 = x * x;
  const x4 = x2 * x2;
  const x8 = x4 * x4;
  return x8 * x8;
}

function trace(scene: Scene, origin: Vec, dir: Vec, depth: i32): Vec {
  const hit = new Hit();
  nearest(scene, origin, dir, hit);
  const shape = hit.shape;
  if (shape === null) return sky(dir);
  const p = origin.add(dir.scale(hit.t));
  let n = shape.normalAt(p);
  if (n.dot(dir) > 0.0) n = n.scale(-1.0);
  const m = shape.material;
  const base = shape.colorAt(p);
  let color = base.scale(scene.ambient);
  const toLightFull = scene.light.sub(p);
  const distance = toLightFull.length();
  const toLight = toLightFull.scale(1.0 / distance);
  const lambert = n.dot(toLight);
  if (lambert > 0.0 && !inShadow(scene, p, toLight, distance)) {
    color = color.add(base.mul(scene.lightColor).scale(m.diffuse * lambert));
    const reflected = toLight.sub(n.scale(2.0 * lambert));
    const spec = reflected.dot(dir);
    if (spec > 0.0) color = color.add(scene.lightColor.scale(m.specular * pow16(spec)));
  }
  if (m.reflect > 0.0 && depth < MAX_DEPTH) {
    const r = dir.sub(n.scale(2.0 * n.dot(dir)));
    const bounced = trace(scene, p, r, depth + 1);
    color = color.scale(1.0 - m.reflect).add(bounced.scale(m.reflect));
  }
  return color;
}

/** Row j as 3*width channels (r, g, b), each pixel the mean of 2x2 samples. */
function renderRow(scene: Scene, j: i32): f64[] {
  const w = scene.width;
  const h = scene.height;
  const row = new Array<f64>(3 * w).fill(0.0);
  for (let i = 0; i < w; i++) {
    let r = 0.0;
    let g = 0.0;
    let b = 0.0;
    for (let sy = 0; sy < 2; sy++) {
      for (let sx = 0; sx < 2; sx++) {
        const u = (f64(i) + 0.25 + 0.5 * f64(sx)) / f64(w) * 2.0 - 1.0;
        const v = 1.0 - (f64(j) + 0.25 + 0.5 * f64(sy)) / f64(h) * 2.0;
        const dir = scene.forward.add(scene.right.scale(u)).add(scene.up.scale(v)).normalized();
        const c = trace(scene, scene.eye, dir, 0);
        r += c.x;
        g += c.y;
        b += c.z;
      }
    }
    row[3 * i] = r * 0.25;
    row[3 * i + 1] = g * 0.25;
    row[3 * i + 2] = b * 0.25;
  }
  return row;
}

let image: f64[][] = [];

/** Task: rows first .. first+count-1 into new arrays, published at the end. */
function renderBand(scene: Scene, first: i32, count: i32): void {
  const band: f64[][] = [];
  for (let k = 0; k < count; k++) band.push(renderRow(scene, first + k));
  for (let k = 0; k < count; k++) image[first + k] = band[k];
}

function quantise(v: f64): i32 {
  const q = Math.floor(v * 255.0);
  if (q < 0.0) return 0;
  if (q > 255.0) return 255;
  return i32(q);
}

export function run(size: i32): void {
  let w = 160;
  let h = 120;
  if (size === 1) {
    w = 640;
    h = 480;
  } else if (size >= 2) {
    w = 1600;
    h = 1200;
  }
  const scene = buildScene(w, h);
  const empty: f64[] = [];
  image = new Array<f64[]>(h).fill(empty);
  for (let first = 0; first < h; first += ROWS_PER_TASK) {
    transaction.add(renderBand, scene, first, Math.min(ROWS_PER_TASK, h - first));
  }
  transaction.run();

  // The centre ray hits the big red sphere in front of the camera.
  const centre = new Hit();
  nearest(scene, scene.eye, scene.forward, centre);
  if (centre.shape === null || centre.shape!.id !== 1) throw new Error("raytrace: the centre ray misses the central sphere");

  let sum: i64 = 0;
  let checksum: i64 = 0;
  let bright = 0;
  for (let j = 0; j < h; j++) {
    const row = image[j];
    if (row.length !== 3 * w) throw new Error("raytrace: a row was not rendered");
    for (let k = 0; k < 3 * w; k++) {
      const v = row[k];
      if (!(v >= 0.0 && v < 10.0)) throw new Error("raytrace: channel value out of range");
      const q = quantise(v);
      if (q === 255) bright++;
      sum += q;
      checksum = (checksum * 257 + q + 1) % 1000000007;
    }
  }
  for (let j = 0; j < h; j += SAMPLE_STEP) {
    const expected = renderRow(scene, j);
    const row = image[j];
    for (let k = 0; k < 3 * w; k++) {
      if (row[k] !== expected[k]) throw new Error("raytrace: row differs from the sequential re-rendering");
    }
  }
  print("raytrace", w, "x", h, "sum", sum, "saturated", bright, "checksum", checksum);
}

export function main(): void {
  run(0);
}
