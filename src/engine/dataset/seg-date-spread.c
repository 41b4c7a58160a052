/* seg-date-spread.c — placeholder dates far from the bulk of a column
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rule, on the dates of one column:
 *
 *  1. Known placeholders are set aside: 0001-01-01, 1753-01-01 (the first
 *     date of SQL Server), 1800-01-01, 1899-12-30 and 1899-12-31 (day 0 of
 *     spreadsheets), 1900-01-01, 1970-01-01 (time 0 of Unix),
 *     2099-12-31, 2100-01-01, 2999-12-31, 3000-01-01, 9999-01-01,
 *     9999-12-31, and any date before the year 1000 or from the year 9000.
 *  2. The bulk is found among the other dates: from the first to the third
 *     quartile (Q1 to Q3), then outward, date by date, for as long as no
 *     empty stretch is longer than max (3 × (Q3 − Q1), 10 years).  Such an
 *     empty stretch ends the bulk: what lies beyond it is far from all the
 *     rest.
 *  3. A date outside the bulk is a placeholder: a known one (step 1) that
 *     falls outside it, or any date beyond such an empty stretch.  A known
 *     placeholder inside the bulk (1970-01-01 among birth dates) is a date.
 *
 * The quartiles and the stretches make the rule hold for logs of a few
 * months as for birth dates over decades: the gap it asks for grows with the
 * spread of the data and is never under 10 years, so a sparse but connected
 * tail of old data stays.  With no date outside the known placeholders there
 * is no bulk to compare with, and nothing is flagged.
 *
 * Dates are counted in steps of 16 days (a dense array of about 230,000
 * counters for the years 1 to 9999), so a pass over a log of any length
 * needs no memory per row, and the streamed and the in-memory paths decide
 * from the same counts.
 */
#define G_LOG_DOMAIN "seg-date-spread"

#include "config.h"

#include <math.h>

#include "seg-date-spread.h"
#include "seg-table.h"

#define STEP_DAYS     16.0
#define GAP_MIN_DAYS  3653.0   /* 10 years */

struct _SegDateSpread
{
  guint64    *counts;        /* per step, dates that are not known placeholders */
  gint64      first_step;    /* the step of SEG_DATE_MIN_DAYS */
  gsize       n_steps;
  gint64      min, max;      /* steps with counts, when n > 0 */
  guint64     n;
  GHashTable *known;         /* known placeholders: day (gint64*) → count */
  gboolean    has_bulk;
  gint64      lo, hi;        /* the bulk, in steps */
};

static const int known_ymd[][3] = {
  { 1, 1, 1 }, { 1753, 1, 1 }, { 1800, 1, 1 }, { 1899, 12, 30 }, { 1899, 12, 31 },
  { 1900, 1, 1 }, { 1970, 1, 1 }, { 2099, 12, 31 }, { 2100, 1, 1 }, { 2999, 12, 31 },
  { 3000, 1, 1 }, { 9999, 1, 1 }, { 9999, 12, 31 },
};

/* floor (@v) without a call, for the days of the calendar (far below 2^52). */
static inline double
floor_days (double v)
{
  double t;

  if (!(fabs (v) < 4503599627370496.0))
    return floor (v);
  t = (double) (gint64) v;   /* towards zero */
  if (t == v)
    return v;
  return t > v ? t - 1.0 : t;
}

static inline gint64
step_of (double day)
{
  return (gint64) floor_days (day / STEP_DAYS);
}

/* The known placeholders, and the steps that hold one: a row of a long log
 * costs one bit test, not thirteen comparisons. */
static double   known_days[G_N_ELEMENTS (known_ymd)];
static double   before_1000, from_9000;
static guint8  *known_steps;   /* a bit per step, from SEG_DATE_MIN_DAYS */

static void
init_known (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      gint64 first = step_of (SEG_DATE_MIN_DAYS);

      known_steps = g_new0 (guint8, (gsize) (step_of (SEG_DATE_MAX_DAYS) - first) / 8 + 1);
      for (guint i = 0; i < G_N_ELEMENTS (known_ymd); i++)
        {
          gint64 step;

          known_days[i] = seg_date_from_ymd (known_ymd[i][0], known_ymd[i][1], known_ymd[i][2]);
          step = step_of (known_days[i]) - first;
          known_steps[step / 8] |= (guint8) (1u << (step % 8));
        }
      before_1000 = seg_date_from_ymd (1000, 1, 1);
      from_9000 = seg_date_from_ymd (9000, 1, 1);
      g_once_init_leave (&done, 1);
    }
}

/* @step counts from SEG_DATE_MIN_DAYS's step. */
static inline gboolean
is_known (double  day,
          gint64  step)
{
  if (day < before_1000 || day >= from_9000)
    return TRUE;
  if (!(known_steps[step / 8] & (1u << (step % 8))))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (known_days); i++)
    if (day == known_days[i])
      return TRUE;
  return FALSE;
}

SegDateSpread *
seg_date_spread_new (void)
{
  SegDateSpread *s = g_new0 (SegDateSpread, 1);

  init_known ();
  s->first_step = step_of (SEG_DATE_MIN_DAYS);
  s->n_steps = (gsize) (step_of (SEG_DATE_MAX_DAYS) - s->first_step + 1);
  s->known = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  return s;
}

void
seg_date_spread_free (SegDateSpread *spread)
{
  if (spread == NULL)
    return;
  g_free (spread->counts);
  g_hash_table_unref (spread->known);
  g_free (spread);
}

static inline void
add_days (SegDateSpread *s,
          double         day,
          guint64        n)
{
  gint64 step;

  /* seg_date_in_range (), inline: NaN and the infinities fail it too */
  if (!(day >= SEG_DATE_MIN_DAYS && day < SEG_DATE_MAX_DAYS + 1.0))
    return;
  day = floor_days (day);
  step = step_of (day) - s->first_step;
  if (is_known (day, step))
    {
      gint64 key = (gint64) day;
      gpointer count = g_hash_table_lookup (s->known, &key);

      g_hash_table_replace (s->known, g_memdup2 (&key, sizeof key),
                            GSIZE_TO_POINTER (GPOINTER_TO_SIZE (count) + n));
      return;
    }
  if (s->counts == NULL)
    s->counts = g_new0 (guint64, s->n_steps);
  s->counts[step] += n;
  if (s->n == 0 || step < s->min)
    s->min = step;
  if (s->n == 0 || step > s->max)
    s->max = step;
  s->n += n;
}

void
seg_date_spread_add (SegDateSpread *s,
                     double         day)
{
  g_return_if_fail (s != NULL);
  add_days (s, day, 1);
}

void
seg_date_spread_add_n (SegDateSpread *s,
                       double         day,
                       guint64        n)
{
  g_return_if_fail (s != NULL);
  if (n > 0)
    add_days (s, day, n);
}

void
seg_date_spread_merge (SegDateSpread       *into,
                       const SegDateSpread *from)
{
  GHashTableIter iter;
  gpointer key, count;

  g_return_if_fail (into != NULL && from != NULL);

  g_hash_table_iter_init (&iter, from->known);
  while (g_hash_table_iter_next (&iter, &key, &count))
    {
      gpointer had = g_hash_table_lookup (into->known, key);

      g_hash_table_replace (into->known, g_memdup2 (key, sizeof (gint64)),
                            GSIZE_TO_POINTER (GPOINTER_TO_SIZE (had) + GPOINTER_TO_SIZE (count)));
    }
  if (from->n == 0)
    return;
  if (into->counts == NULL)
    into->counts = g_new0 (guint64, into->n_steps);
  for (gint64 step = from->min; step <= from->max; step++)
    into->counts[step] += from->counts[step];
  if (into->n == 0 || from->min < into->min)
    into->min = from->min;
  if (into->n == 0 || from->max > into->max)
    into->max = from->max;
  into->n += from->n;
}

guint64
seg_date_spread_finish (SegDateSpread *s)
{
  GHashTableIter iter;
  gpointer key, value;
  gint64 q1 = -1, q3 = -1, gap;
  guint64 cum = 0, flagged = 0;

  g_return_val_if_fail (s != NULL, 0);
  if (s->n == 0)
    return 0;
  for (gint64 b = s->min; b <= s->max && q3 < 0; b++)
    {
      cum += s->counts[b];
      if (q1 < 0 && cum * 4 >= s->n)
        q1 = b;
      if (cum * 4 >= s->n * 3)
        q3 = b;
    }
  gap = MAX (3 * (q3 - q1), (gint64) ceil (GAP_MIN_DAYS / STEP_DAYS));
  s->lo = q1;
  s->hi = q3;
  for (gint64 b = q3 + 1; b <= s->max; b++)
    if (s->counts[b] > 0)
      {
        if (b - s->hi > gap)
          break;
        s->hi = b;
      }
  for (gint64 b = q1 - 1; b >= s->min; b--)
    if (s->counts[b] > 0)
      {
        if (s->lo - b > gap)
          break;
        s->lo = b;
      }
  s->has_bulk = TRUE;
  for (gint64 b = s->min; b < s->lo; b++)
    flagged += s->counts[b];
  for (gint64 b = s->hi + 1; b <= s->max; b++)
    flagged += s->counts[b];
  g_hash_table_iter_init (&iter, s->known);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (seg_date_spread_is_placeholder (s, (double) *(gint64 *) key))
      flagged += GPOINTER_TO_SIZE (value);
  g_clear_pointer (&s->counts, g_free);
  return flagged;
}

gboolean
seg_date_spread_is_placeholder (const SegDateSpread *s,
                                double               day)
{
  gint64 step;

  g_return_val_if_fail (s != NULL, FALSE);
  if (!s->has_bulk || !seg_date_in_range (day))
    return FALSE;
  step = step_of (floor (day)) - s->first_step;
  return step < s->lo || step > s->hi;
}
