/* seg-hash.h — one way to hash numbers (and strings)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every hash over numbers in Segmenta goes through seg_hash_mix64 (), the
 * SplitMix64 finaliser: each input bit flips about half of the output bits,
 * so keys that differ only in their high bits (integer-valued doubles such as
 * customer ids 1, 2, 3 … have all-zero low 32 bits) spread over every bucket.
 * Never hash a number by truncating it: GLib's g_int64_hash () keeps only the
 * low 32 bits, which put every integer-valued double into one bucket and made
 * loading a table with numeric ids quadratic.
 */
#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

/* SplitMix64's finaliser (Steele, Lea and Flood 2014): a bijection on 64 bits. */
static inline guint64
seg_hash_mix64 (guint64 z)
{
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

/* The bits of @v with -0.0 read as 0.0 and every NaN as one NaN, so values
 * that compare equal (or are both NaN) have equal keys. */
static inline guint64
seg_hash_double_bits (double v)
{
  guint64 bits;

  if (v == 0.0)
    v = 0.0;
  else if (v != v)
    return G_GUINT64_CONSTANT (0x7ff8000000000000);
  memcpy (&bits, &v, sizeof bits);
  return bits;
}

static inline guint64
seg_hash_double (double v)
{
  return seg_hash_mix64 (seg_hash_double_bits (v));
}

/* Folds @v into the running hash @h (order matters). */
static inline guint64
seg_hash_combine (guint64 h,
                  guint64 v)
{
  return seg_hash_mix64 (h ^ (v + G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) + (h << 6) + (h >> 2)));
}

/* A 64-bit hash as a GHashTable hash: both halves of the mixed value. */
static inline guint
seg_hash_fold32 (guint64 h)
{
  return (guint) (h ^ (h >> 32));
}

/**
 * seg_hash_int64_key:
 * @key: (type guint64): a pointer to a guint64 or gint64 key
 *
 * A #GHashFunc for such keys (use with g_int64_equal ()).
 *
 * Returns: the key's hash
 */
guint    seg_hash_int64_key   (gconstpointer key);

/**
 * seg_hash_str_key:
 * @key: (type utf8): a NUL-terminated string
 *
 * A #GHashFunc for strings (use with g_str_equal ()) that reads eight bytes
 * at a time and mixes every bit: customer ids of 36 bytes (UUIDs) cost
 * g_str_hash () a multiply and an add per byte, five times per id while a
 * table loads.
 *
 * Returns: the key's hash
 */
guint    seg_hash_str_key     (gconstpointer key);

/* A set of 64-bit keys with open addressing: no allocation per key. */
typedef struct
{
  guint64  *keys;
  guint8   *used;
  gsize     mask;
  gsize     n;
} SegHashSet64;

/**
 * seg_hash_set64_init:
 * @set: (out caller-allocates): the set to set up, empty
 * @expected: how many keys it will likely hold (it grows beyond)
 */
void     seg_hash_set64_init  (SegHashSet64 *set,
                               gsize         expected);
/**
 * seg_hash_set64_clear:
 * @set: a set set up with seg_hash_set64_init ()
 *
 * Frees what the set holds; it is empty and may be set up again.
 */
void     seg_hash_set64_clear (SegHashSet64 *set);
/**
 * seg_hash_set64_add:
 * @set: a set set up with seg_hash_set64_init ()
 * @key: the key
 *
 * Returns: %TRUE when @key was added, %FALSE when it was there already
 */
gboolean seg_hash_set64_add   (SegHashSet64 *set,
                               guint64       key);
/**
 * seg_hash_bucket_collisions:
 * @keys: (array length=n): the keys
 * @n: how many
 * @n_buckets: a power of two
 *
 * How many keys share a bucket with an earlier key when @n keys are spread
 * over @n_buckets by seg_hash_mix64 (): a measure of the hash's quality for
 * tests.  A well-mixed hash gives about n − m·(1 − e^(−n/m)) for m buckets;
 * truncation to the low bits gives n − 1 for integer-valued doubles.
 *
 * Returns: the number of such keys
 */
gsize    seg_hash_bucket_collisions (const guint64 *keys,
                                     gsize          n,
                                     gsize          n_buckets);

G_END_DECLS
