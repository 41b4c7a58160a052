/* seg-dataset-sets-private.h — the hash sets of the streaming pass
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Transaction ids seen so far: a 64-bit hash of (customer, id) and 32 bits
 * of the hash of the first row with that id — 12 bytes per id, the only
 * state of the pass that grows with rows.  (Two different rows of one id
 * pass for the same row with a chance of 1 in 4 billion.) */
typedef struct
{
  guint64 *keys;    /* 0 = empty */
  guint32 *tags;
  gsize    mask;
  gsize    used;
} IdSet;

/* Customer keys → index.  Keys of up to 16 bytes (nearly all ids) are kept
 * in the slot itself, so a lookup touches one cache line, not the key's
 * string somewhere in the heap as well. */
typedef struct
{
  guint64 hash;          /* 0 = empty */
  guint32 index;
  guint32 len;
  char    prefix[16];
} KeySlot;

typedef struct
{
  KeySlot *slots;
  gsize    mask;
  gsize    used;
} KeyTable;

/* Zeroed memory for a table of @bytes: large ones get their own mapping
 * with 2 MiB pages where the kernel has them.  Freed with
 * seg_dataset_table_free () and the same @bytes. */
gpointer
seg_dataset_table_alloc0 (gsize bytes);

void
seg_dataset_table_free (gpointer p,
                        gsize    bytes);

void
seg_dataset_ids_init (IdSet *t,
                      gsize  expected);

void
seg_dataset_ids_clear (IdSet *t);

void
seg_dataset_ids_grow (IdSet *t);

void
seg_dataset_keys_init (KeyTable *t,
                       gsize     expected);

/* Hash 0 marks an empty slot. */
static inline guint64
nonzero (guint64 h)
{
  return h != 0 ? h : 1;
}

/* TRUE when @key was there (its tag in *tag); else adds it with @tag. */
static inline gboolean
ids_find_or_add (IdSet   *t,
                 guint64  key,
                 guint32 *tag)
{
  gsize j = key & t->mask;

  for (; t->keys[j] != 0; j = (j + 1) & t->mask)
    if (t->keys[j] == key)
      {
        *tag = t->tags[j];
        return TRUE;
      }
  t->keys[j] = key;
  t->tags[j] = *tag;
  if (++t->used * 4 > (t->mask + 1) * 3)
    seg_dataset_ids_grow (t);
  return FALSE;
}

static inline void
keys_put (KeyTable      *t,
          const KeySlot *slot)
{
  gsize j = slot->hash & t->mask;

  while (t->slots[j].hash != 0)
    j = (j + 1) & t->mask;
  t->slots[j] = *slot;
  t->used++;
}

G_END_DECLS
