/* seg-cohort.c — cohort retention: customers by month of first purchase
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-cohort"

#include "config.h"

#include <math.h>
#include <string.h>

#include "seg-cohort.h"
#include "seg-csv-writer.h"
#include "seg-table.h"

#define MAX_CELLS (16u << 20)

gint32
seg_cohort_month_of_day (double day)
{
  int y, m, d;

  /* about ±9,999 years: far inside what the conversion handles */
  if (!isfinite (day) || fabs (day) > 3.6e6 || !seg_date_to_ymd (day, &y, &m, &d))
    return SEG_MONTH_NONE;
  return (gint32) y * 12 + (m - 1);
}

char *
seg_cohort_month_format (gint32 month)
{
  gint32 y = month >= 0 ? month / 12 : -((-month + 11) / 12);

  return g_strdup_printf ("%04d-%02d", (int) y, (int) (month - y * 12 + 1));
}

static void
wide_free (gpointer p)
{
  g_array_unref (p);
}

SegMonthWide *
seg_month_wide_new (void)
{
  return g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, wide_free);
}

static inline int
top_bit (guint64 bits)
{
  return 63 - __builtin_clzll (bits);
}

/* Inserts @month into the sorted array @months unless it is there. */
static void
insert_sorted (GArray *months,
               gint32  month)
{
  guint lo = 0, hi = months->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      gint32 v = g_array_index (months, gint32, mid);

      if (v == month)
        return;
      if (v < month)
        lo = mid + 1;
      else
        hi = mid;
    }
  g_array_insert_val (months, lo, month);
}

void
seg_month_set_add_wide (SegMonthSet  *set,
                        gint32        month,
                        SegMonthWide *wide,
                        guint         customer)
{
  GArray *months;

  g_return_if_fail (set != NULL && wide != NULL);
  g_return_if_fail (month != SEG_MONTH_NONE);
  if (set->bits == 0)
    {
      months = g_hash_table_lookup (wide, GUINT_TO_POINTER (customer));
      insert_sorted (months, month);
      set->lo = MIN (set->lo, month);
      return;
    }
  if (month < set->lo && top_bit (set->bits) + (gint64) (set->lo - month) < 64)
    {
      set->bits = (set->bits << (set->lo - month)) | 1;
      set->lo = month;
      return;
    }
  /* the months span more than 64: a sorted array of its own */
  months = g_array_new (FALSE, FALSE, sizeof (gint32));
  for (guint64 bits = set->bits; bits != 0; bits &= bits - 1)
    {
      gint32 m = set->lo + __builtin_ctzll (bits);
      g_array_append_val (months, m);
    }
  insert_sorted (months, month);
  set->bits = 0;
  set->lo = MIN (set->lo, month);
  g_hash_table_insert (wide, GUINT_TO_POINTER (customer), months);
}

static const SegMonthSet *
view_set (const SegMonthSetsView *v,
          gsize                   i)
{
  return (const SegMonthSet *) (gconstpointer) (v->base + i * v->stride);
}

static const GArray *
view_wide (const SegMonthSetsView *v,
           gsize                   i)
{
  return g_hash_table_lookup ((GHashTable *) v->wide, GUINT_TO_POINTER ((guint) i));
}

/* First and last month of a set that is not empty. */
static void
set_range (const SegMonthSetsView *v,
           gsize                   i,
           gint32                 *first,
           gint32                 *last)
{
  const SegMonthSet *s = view_set (v, i);

  if (s->bits != 0)
    {
      *first = s->lo;
      *last = s->lo + top_bit (s->bits);
      return;
    }
  {
    const GArray *months = view_wide (v, i);
    *first = g_array_index (months, gint32, 0);
    *last = g_array_index (months, gint32, months->len - 1);
  }
}

SegCohorts *
seg_cohorts_compute (const SegMonthSetsView *views,
                     guint                   n_views)
{
  gint32 lo = G_MAXINT32, hi = G_MININT32;
  g_autofree int *index = NULL;
  SegCohorts *c;
  gsize range;

  g_return_val_if_fail (views != NULL || n_views == 0, NULL);
  for (guint v = 0; v < n_views; v++)
    for (gsize i = 0; i < views[v].n; i++)
      {
        gint32 first, last;

        if (view_set (&views[v], i)->lo == SEG_MONTH_NONE)
          continue;
        set_range (&views[v], i, &first, &last);
        lo = MIN (lo, first);
        hi = MAX (hi, last);
      }
  if (lo > hi)
    return NULL;
  range = (gsize) ((gint64) hi - lo + 1);
  index = g_new (int, range);
  for (gsize k = 0; k < range; k++)
    index[k] = -1;
  for (guint v = 0; v < n_views; v++)
    for (gsize i = 0; i < views[v].n; i++)
      {
        gint32 first, last;

        if (view_set (&views[v], i)->lo == SEG_MONTH_NONE)
          continue;
        set_range (&views[v], i, &first, &last);
        index[first - lo] = 0;
      }

  c = g_new0 (SegCohorts, 1);
  for (gsize k = 0; k < range; k++)
    if (index[k] == 0)
      c->n_cohorts++;
  if ((guint64) c->n_cohorts * range > MAX_CELLS)
    {
      g_free (c);
      return NULL;
    }
  c->n_offsets = (guint) range;
  c->last_month = hi;
  c->month = g_new (gint32, c->n_cohorts);
  c->size = g_new0 (guint64, c->n_cohorts);
  c->active = g_new0 (guint64, (gsize) c->n_cohorts * range);
  {
    int n = 0;
    for (gsize k = 0; k < range; k++)
      if (index[k] == 0)
        {
          c->month[n] = lo + (gint32) k;
          index[k] = n++;
        }
  }

  /* counting is the same in any order of customers */
  for (guint v = 0; v < n_views; v++)
    for (gsize i = 0; i < views[v].n; i++)
      {
        const SegMonthSet *s = view_set (&views[v], i);
        gint32 first, last;
        guint64 *row;

        if (s->lo == SEG_MONTH_NONE)
          continue;
        set_range (&views[v], i, &first, &last);
        row = c->active + (gsize) index[first - lo] * range;
        c->size[index[first - lo]]++;
        if (s->bits != 0)
          for (guint64 bits = s->bits; bits != 0; bits &= bits - 1)
            row[__builtin_ctzll (bits)]++;
        else
          {
            const GArray *months = view_wide (&views[v], i);
            for (guint j = 0; j < months->len; j++)
              row[g_array_index (months, gint32, j) - first]++;
          }
      }
  return c;
}

void
seg_cohorts_free (SegCohorts *cohorts)
{
  if (cohorts == NULL)
    return;
  g_free (cohorts->month);
  g_free (cohorts->size);
  g_free (cohorts->active);
  g_free (cohorts);
}

guint
seg_cohorts_n_offsets_of (const SegCohorts *cohorts,
                          guint             cohort)
{
  g_return_val_if_fail (cohorts != NULL, 0);
  g_return_val_if_fail (cohort < cohorts->n_cohorts, 0);

  return (guint) (cohorts->last_month - cohorts->month[cohort] + 1);
}

GBytes *
seg_cohorts_format_csv (const SegCohorts *cohorts)
{
  GString *out = g_string_new ("cohort,months_since_first,customers,retention\n");

  for (guint c = 0; cohorts != NULL && c < cohorts->n_cohorts; c++)
    {
      g_autofree char *name = seg_cohort_month_format (cohorts->month[c]);
      guint n = seg_cohorts_n_offsets_of (cohorts, c);
      const guint64 *row = cohorts->active + (gsize) c * cohorts->n_offsets;

      for (guint k = 0; k < n; k++)
        {
          g_string_append_printf (out, "%s,%u,%" G_GUINT64_FORMAT ",", name, k, row[k]);
          seg_csv_format_number_append (out, (double) row[k] / (double) cohorts->size[c]);
          g_string_append_c (out, '\n');
        }
    }
  return g_string_free_to_bytes (out);
}
