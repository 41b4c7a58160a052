/* seg-hash.c — one way to hash numbers (and strings)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-hash"

#include "config.h"

#include "seg-hash.h"

guint
seg_hash_int64_key (gconstpointer key)
{
  guint64 v;

  g_return_val_if_fail (key != NULL, 0);
  memcpy (&v, key, sizeof v);
  return seg_hash_fold32 (seg_hash_mix64 (v));
}

guint
seg_hash_str_key (gconstpointer key)
{
  const char *text = key;
  gsize len;
  guint64 h, w;

  g_return_val_if_fail (key != NULL, 0);
  len = strlen (text);
  h = len * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  for (; len >= 8; text += 8, len -= 8)
    {
      memcpy (&w, text, 8);
      h = (h ^ w) * G_GUINT64_CONSTANT (0x9fb21c651e98df25);
      h ^= h >> 29;
    }
  if (len > 0)
    {
      /* the last one to seven bytes without a call for a variable length:
       * two overlapping four-byte loads, or the first, middle and last byte */
      if (len >= 4)
        {
          guint32 lo, hi;

          memcpy (&lo, text, 4);
          memcpy (&hi, text + len - 4, 4);
          w = lo | (guint64) hi << 32;
        }
      else
        w = (guint64) (guchar) text[0] | (guint64) (guchar) text[len / 2] << 8
            | (guint64) (guchar) text[len - 1] << 16;
      h = (h ^ w ^ ((guint64) len << 56)) * G_GUINT64_CONSTANT (0x9fb21c651e98df25);
    }
  return seg_hash_fold32 (seg_hash_mix64 (h));
}

void
seg_hash_set64_init (SegHashSet64 *set,
                     gsize         expected)
{
  gsize size = 16;

  g_return_if_fail (set != NULL);
  while (size < expected + expected / 2 + 1)
    size *= 2;
  set->keys = g_new (guint64, size);
  set->used = g_new0 (guint8, size);
  set->mask = size - 1;
  set->n = 0;
}

void
seg_hash_set64_clear (SegHashSet64 *set)
{
  g_return_if_fail (set != NULL);
  g_clear_pointer (&set->keys, g_free);
  g_clear_pointer (&set->used, g_free);
  set->mask = 0;
  set->n = 0;
}

static void
set_grow (SegHashSet64 *set)
{
  SegHashSet64 old = *set;

  seg_hash_set64_init (set, (old.mask + 1) * 2);
  for (gsize i = 0; i <= old.mask; i++)
    if (old.used[i])
      seg_hash_set64_add (set, old.keys[i]);
  seg_hash_set64_clear (&old);
}

gboolean
seg_hash_set64_add (SegHashSet64 *set,
                    guint64       key)
{
  gsize j;

  g_return_val_if_fail (set != NULL && set->used != NULL, FALSE);
  j = (gsize) seg_hash_mix64 (key) & set->mask;
  for (; set->used[j]; j = (j + 1) & set->mask)
    if (set->keys[j] == key)
      return FALSE;
  set->keys[j] = key;
  set->used[j] = 1;
  if (++set->n * 4 > (set->mask + 1) * 3)
    set_grow (set);
  return TRUE;
}

gsize
seg_hash_bucket_collisions (const guint64 *keys,
                            gsize          n,
                            gsize          n_buckets)
{
  g_autofree guint8 *taken = NULL;
  gsize collisions = 0;

  g_return_val_if_fail (keys != NULL || n == 0, 0);
  g_return_val_if_fail (n_buckets > 0 && (n_buckets & (n_buckets - 1)) == 0, 0);
  taken = g_new0 (guint8, n_buckets);
  for (gsize i = 0; i < n; i++)
    {
      gsize b = (gsize) seg_hash_mix64 (keys[i]) & (n_buckets - 1);
      collisions += taken[b];
      taken[b] = 1;
    }
  return collisions;
}
