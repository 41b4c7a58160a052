/* seg-dataset-sets.c — the hash sets of the streaming pass
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Open addressing with linear probing: transaction ids seen so far and the
 * customer keys (seg-dataset-sets.h has the lookups the pass inlines).
 */
#define G_LOG_DOMAIN "seg-dataset"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "seg-cohort.h"
#include "seg-dataset-private.h"
#include "seg-progress.h"
#include "seg-engine.h"
#include "seg-error.h"
#include "seg-hash.h"
#include "seg-parse.h"
#include "seg-source.h"
#include "seg-txn-stream.h"
#include "seg-dataset-build.h"
#include "seg-dataset-sets.h"

/* Open addressing with linear probing for the pass's tables: a power of two
 * of slots, at most three quarters full. */
static gsize
table_size (gsize expected)
{
  gsize size = 1024;

  while (size * 3 < expected * 4)
    size *= 2;
  return size;
}

void
seg_dataset_ids_init (IdSet *t,
                      gsize  expected)
{
  gsize size = table_size (expected);

  t->keys = g_new0 (guint64, size);
  t->tags = g_new (guint32, size);
  t->mask = size - 1;
  t->used = 0;
}

void
seg_dataset_ids_clear (IdSet *t)
{
  g_free (t->keys);
  g_free (t->tags);
}

void
seg_dataset_ids_grow (IdSet *t)
{
  IdSet old = *t;

  seg_dataset_ids_init (t, (old.mask + 1) * 3 / 2 + 1);
  for (gsize i = 0; i <= old.mask; i++)
    if (old.keys[i] != 0)
      {
        gsize j = old.keys[i] & t->mask;
        while (t->keys[j] != 0)
          j = (j + 1) & t->mask;
        t->keys[j] = old.keys[i];
        t->tags[j] = old.tags[i];
      }
  t->used = old.used;
  seg_dataset_ids_clear (&old);
}

void
seg_dataset_keys_init (KeyTable *t,
                       gsize     expected)
{
  gsize size = table_size (expected);

  t->slots = g_new0 (KeySlot, size);
  t->mask = size - 1;
  t->used = 0;
}
