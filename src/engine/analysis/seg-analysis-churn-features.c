/* seg-analysis-churn-features.c — the churn model's features (SPEC §8)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which numeric customer columns the churn model may use: not those that
 * define the label, nor those that give it away (equal to it, a step of it,
 * or correlated beyond MAX_LABEL_CORRELATION), nor those mostly empty among
 * the scored customers; what was left out, and why, as JSON; and the
 * feature matrix the fit reads.  The churn step itself is in
 * seg-analysis-churn.c.
 */
#define G_LOG_DOMAIN "seg-analysis"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "seg-analysis-private.h"
#include "seg-logistic.h"

#define MAX_MISSING_SHARE 0.5
#define MAX_LABEL_CORRELATION 0.95

/* --------------------------------------------------------- the features */

static gboolean
in_list (GPtrArray  *list,
         const char *name)
{
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (g_ptr_array_index (list, i), name))
      return TRUE;
  return FALSE;
}

static char **
steal_strv (GPtrArray *array)
{
  g_ptr_array_add (array, NULL);
  return (char **) g_ptr_array_steal (array, NULL);
}

/* ------------------------------------------- features that give it away
 *
 * A feature is left out when it gives away a column the label is defined
 * from (recency_days for the default label), because a model that reads the
 * label off a feature looks excellent and predicts nothing.  Over the
 * labelled customers with both values, the feature gives the column away
 * when:
 *
 *  1. it equals the column, within half a unit (half a day for recency_days,
 *     so a copy rounded to whole days counts), for more than a fifth of them;
 *     tenure_days does for everyone who bought once;
 *  2. it moves in step with the column for more than a fifth of them: on that
 *     group, knowing the feature tells the column exactly, because a larger
 *     feature value always comes with a larger column value (or always with a
 *     smaller one), e.g. the same days counted in weeks, or a countdown;
 *  3. over all of them, it follows the column closely: its correlation, or
 *     the correlation of the two rankings (a logarithm, a square), is 0.95 or
 *     more in size.
 *
 * The shares in 1 and 2 are counted beyond chance: the same values paired at
 * random (a fixed shuffle) reach some share too, e.g. both columns often 0,
 * and only what the real pairing adds counts.  A column with fewer than ten
 * different values among them (a yes/no label column) is checked by 3 only:
 * any yes/no feature matches it for half the customers.
 */

#define MAX_GIVEAWAY_SHARE 0.2
#define EQUAL_WITHIN 0.5
#define MIN_DISTINCT_FOR_SHARES 10

typedef struct
{
  double f;
  guint  d;    /* rank of the column's value among its distinct values */
} Pair;

static int
by_value (const void *a,
          const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static int
by_feature_then_rank (const void *a,
                      const void *b)
{
  const Pair *p = a, *q = b;

  if (p->f != q->f)
    return p->f < q->f ? -1 : 1;
  return p->d < q->d ? -1 : p->d > q->d ? 1 : 0;
}

/* Fenwick tree of prefix maxima over ranks 1..n. */
static gsize
prefix_max (const gsize *tree,
            guint        i)
{
  gsize m = 0;

  for (; i > 0; i -= i & -i)
    m = MAX (m, tree[i]);
  return m;
}

static void
raise_to (gsize *tree,
          guint  n,
          guint  i,
          gsize  v)
{
  for (; i <= n; i += i & -i)
    tree[i] = MAX (tree[i], v);
}

/* The most customers on which the feature is a strictly increasing function
 * of the column: a chain of groups of equal (feature, column) pairs, each
 * with a larger feature and a larger column value than the one before.
 * @pairs is sorted by feature, then rank; @n_ranks distinct ranks.  With
 * @down, the column decreases along the chain instead. */
static gsize
longest_step_chain (const Pair *pairs,
                    gsize       m,
                    guint       n_ranks,
                    gboolean    down)
{
  g_autofree gsize *tree = g_new0 (gsize, n_ranks + 1);
  g_autofree gsize *pending = g_new (gsize, MAX (m, 1));
  g_autofree guint *pending_rank = g_new (guint, MAX (m, 1));
  gsize best = 0;

  for (gsize i = 0; i < m;)
    {
      gsize j = i, n_pending = 0;

      /* one feature value: its nodes cannot follow one another */
      while (j < m && pairs[j].f == pairs[i].f)
        {
          gsize k = j;
          guint r = down ? n_ranks - pairs[j].d : pairs[j].d + 1;   /* 1-based */
          gsize v;

          while (k < m && pairs[k].f == pairs[j].f && pairs[k].d == pairs[j].d)
            k++;
          v = prefix_max (tree, r - 1) + (k - j);
          pending[n_pending] = v;
          pending_rank[n_pending++] = r;
          best = MAX (best, v);
          j = k;
        }
      for (gsize k = 0; k < n_pending; k++)
        raise_to (tree, n_ranks, pending_rank[k], pending[k]);
      i = j;
    }
  return best;
}

/* Pearson correlation of @x and @y. */
static double
pearson (const double *x,
         const double *y,
         gsize         m)
{
  double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;

  if (m < 3)
    return 0;
  for (gsize k = 0; k < m; k++)
    {
      sx += x[k];
      sy += y[k];
    }
  sx /= (double) m;
  sy /= (double) m;
  for (gsize k = 0; k < m; k++)
    {
      sxx += (x[k] - sx) * (x[k] - sx);
      syy += (y[k] - sy) * (y[k] - sy);
      sxy += (x[k] - sx) * (y[k] - sy);
    }
  return sxx > 0 && syy > 0 ? sxy / sqrt (sxx * syy) : 0;
}

/* Mid-ranks of the feature values of @pairs (sorted by feature) into
 * @rank, in the order of @pairs. */
static void
feature_ranks (const Pair *pairs,
               gsize       m,
               double     *rank)
{
  for (gsize i = 0; i < m;)
    {
      gsize j = i;
      while (j < m && pairs[j].f == pairs[i].f)
        j++;
      for (gsize k = i; k < j; k++)
        rank[k] = (double) (i + j - 1) / 2;
      i = j;
    }
}

/* The shares of 1 and 2 (beyond chance) and the correlations of 3 for one
 * feature and one label column over @m customers with both values. */
typedef struct
{
  gsize  equal, equal_chance;
  gsize  in_step, in_step_chance;
  double pearson, spearman;
  guint  n_distinct;     /* of the column */
} Giveaway;

static void
measure_giveaway (const double *f,
                  const double *d,
                  gsize         m,
                  Giveaway     *g)
{
  g_autofree double *sorted = g_memdup2 (d, sizeof (double) * MAX (m, 1));
  g_autofree double *value_rank = g_new (double, MAX (m, 1));   /* per distinct value */
  g_autofree guint *rank = g_new (guint, MAX (m, 1));
  g_autofree gsize *perm = g_new (gsize, MAX (m, 1));
  g_autofree Pair *pairs = g_new (Pair, MAX (m, 1));
  g_autofree double *fr = g_new (double, MAX (m, 1));
  g_autofree double *dr = g_new (double, MAX (m, 1));
  guint n_ranks = 0;
  guint32 state = 0x9e3779b9u;

  memset (g, 0, sizeof *g);
  /* the column's distinct values, their ranks and mid-ranks */
  qsort (sorted, m, sizeof (double), by_value);
  for (gsize i = 0; i < m;)
    {
      gsize j = i;
      while (j < m && sorted[j] == sorted[i])
        j++;
      sorted[n_ranks] = sorted[i];
      value_rank[n_ranks++] = (double) (i + j - 1) / 2;
      i = j;
    }
  for (gsize k = 0; k < m; k++)
    {
      gsize lo = 0, hi = n_ranks;
      while (hi - lo > 1)
        {
          gsize mid = (lo + hi) / 2;
          if (sorted[mid] <= d[k])
            lo = mid;
          else
            hi = mid;
        }
      rank[k] = (guint) lo;
    }

  /* a fixed shuffle (xorshift32, Fisher-Yates) pairs the values at random */
  for (gsize k = 0; k < m; k++)
    perm[k] = k;
  for (gsize k = m; k > 1; k--)
    {
      gsize j, t;
      state ^= state << 13;
      state ^= state >> 17;
      state ^= state << 5;
      j = state % k;
      t = perm[k - 1];
      perm[k - 1] = perm[j];
      perm[j] = t;
    }

  for (int shuffled = 0; shuffled < 2; shuffled++)
    {
      gsize equal = 0, chain;

      for (gsize k = 0; k < m; k++)
        {
          gsize o = shuffled ? perm[k] : k;
          pairs[k] = (Pair) { f[k], rank[o] };
          equal += fabs (f[k] - d[o]) <= EQUAL_WITHIN;
        }
      qsort (pairs, m, sizeof (Pair), by_feature_then_rank);
      chain = MAX (longest_step_chain (pairs, m, n_ranks, FALSE),
                   longest_step_chain (pairs, m, n_ranks, TRUE));
      if (shuffled)
        {
          g->equal_chance = equal;
          g->in_step_chance = chain;
          continue;
        }
      g->equal = equal;
      g->in_step = chain;
      feature_ranks (pairs, m, fr);
      for (gsize k = 0; k < m; k++)
        dr[k] = value_rank[pairs[k].d];
      g->spearman = pearson (fr, dr, m);
    }
  g->pearson = pearson (f, d, m);
  g->n_distinct = n_ranks;
}
/* Whether @col gives away @d on the scored customers; fills @e and @reason. */
static gboolean
gives_away (const SegChurn    *c,
            const SegColumn   *col,
            const SegColumn   *d,
            SegChurnExclusion *e,
            char             **reason)
{
  g_autofree double *f = g_new (double, MAX (c->n_scored, 1));
  g_autofree double *v = g_new (double, MAX (c->n_scored, 1));
  double n = (double) c->n_scored;
  gsize m = 0;
  Giveaway g;

  for (gsize k = 0; k < c->n_scored; k++)
    {
      double x = col->num[c->rows[k]], y = d->num[c->rows[k]];
      if (isnan (x) || isnan (y))
        continue;
      f[m] = x;
      v[m++] = y;
    }
  if (m < 3)
    return FALSE;
  measure_giveaway (f, v, m, &g);
  *e = (SegChurnExclusion) { 0, g_strdup (d->name), NAN, NAN };
  if (g.n_distinct >= MIN_DISTINCT_FOR_SHARES && g.equal > g.equal_chance &&
      (double) (g.equal - g.equal_chance) > MAX_GIVEAWAY_SHARE * n)
    {
      e->kind = SEG_CHURN_EXCLUDED_EQUALS;
      e->share = (double) g.equal / n;
      *reason = g_strdup_printf (_("equals %s, which defines the churn label, for %zu of the %zu "
                                   "labelled customers (%.0f %%)"),
                                 d->name, g.equal, c->n_scored, 100 * e->share);
      return TRUE;
    }
  if (g.n_distinct >= MIN_DISTINCT_FOR_SHARES && g.in_step > g.in_step_chance &&
      (double) (g.in_step - g.in_step_chance) > MAX_GIVEAWAY_SHARE * n)
    {
      e->kind = SEG_CHURN_EXCLUDED_IN_STEP;
      e->share = (double) g.in_step / n;
      *reason = g_strdup_printf (_("moves in step with %s, which defines the churn label, for %zu "
                                   "of the %zu labelled customers (%.0f %%)"),
                                 d->name, g.in_step, c->n_scored, 100 * e->share);
      return TRUE;
    }
  if (fabs (g.pearson) >= MAX_LABEL_CORRELATION)
    {
      e->kind = SEG_CHURN_EXCLUDED_CORRELATED;
      e->correlation = g.pearson;
      *reason = g_strdup_printf (_("moves with %s, which defines the churn label "
                                   "(correlation %.2f)"), d->name, g.pearson);
      return TRUE;
    }
  if (fabs (g.spearman) >= MAX_LABEL_CORRELATION)
    {
      e->kind = SEG_CHURN_EXCLUDED_RANK_CORRELATED;
      e->correlation = g.spearman;
      *reason = g_strdup_printf (_("follows the order of %s, which defines the churn label "
                                   "(rank correlation %.2f)"), d->name, g.spearman);
      return TRUE;
    }
  g_clear_pointer (&e->column, g_free);
  return FALSE;
}

static void
exclude (GPtrArray         *names,
         GPtrArray         *reasons,
         GArray            *exclusions,
         const char        *name,
         char              *reason,       /* transfer full */
         SegChurnExclusion *e)            /* its column: transfer full */
{
  g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_add (reasons, reason);
  g_array_append_val (exclusions, *e);
}

/* The numeric columns the model may use: not those defining the label, nor
 * those that give it away, nor those mostly empty among the scored
 * customers. */
void
seg_churn_choose_features (SegResult *r,
                           SegChurn  *c,
                           GPtrArray *defining)
{
  SegTable *t = seg_dataset_get_customers (r->dataset);
  g_autoptr(GPtrArray) used = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) why = g_ptr_array_new_with_free_func (g_free);
  GArray *ex = g_array_new (FALSE, TRUE, sizeof (SegChurnExclusion));

  for (guint j = 0; j < r->n_numeric; j++)
    {
      const SegColumn *col = seg_table_find_column (t, r->numeric[j]);
      SegChurnExclusion e = { SEG_CHURN_EXCLUDED_DEFINES, NULL, NAN, NAN };
      gboolean left_out = FALSE;
      gsize missing = 0;

      if (in_list (defining, col->name))
        {
          exclude (out, why, ex, col->name, g_strdup (_("defines the churn label")), &e);
          continue;
        }
      for (gsize k = 0; k < c->n_scored; k++)
        missing += isnan (col->num[c->rows[k]]) ? 1 : 0;
      if (missing > MAX_MISSING_SHARE * (double) c->n_scored)
        {
          e.kind = SEG_CHURN_EXCLUDED_MISSING;
          e.share = (double) missing / (double) c->n_scored;
          exclude (out, why, ex, col->name,
                   g_strdup_printf (_("%zu of %zu values are missing"), missing, c->n_scored), &e);
          continue;
        }
      for (guint i = 0; i < defining->len && !left_out; i++)
        {
          const SegColumn *d = seg_table_find_column (t, g_ptr_array_index (defining, i));
          char *reason = NULL;

          if (d == NULL || d->type == SEG_COLUMN_TEXT || d->type == SEG_COLUMN_DATE || d->num == NULL)
            continue;
          if (gives_away (c, col, d, &e, &reason))
            {
              exclude (out, why, ex, col->name, reason, &e);
              left_out = TRUE;
            }
        }
      if (!left_out)
        g_ptr_array_add (used, g_strdup (col->name));
    }
  c->p = used->len;
  c->features = steal_strv (used);
  c->n_excluded = out->len;
  c->excluded = steal_strv (out);
  c->excluded_reasons = steal_strv (why);
  c->exclusions = (SegChurnExclusion *) (void *) g_array_free (ex, FALSE);
  if (defining->len > 0)
    {
      g_autoptr(GString) list = g_string_new (NULL);
      for (guint i = 0; i < defining->len; i++)
        g_string_append_printf (list, "%s%s", i ? ", " : "", (char *) g_ptr_array_index (defining, i));
      c->note = g_strdup_printf (_("%s left out of the churn model because it defines the label; "
                                   "otherwise the model is trivially right"), list->str);
    }
}

/* ------------------------------------------------ exclusions as JSON */

static const char *const kind_names[] = {
  [SEG_CHURN_EXCLUDED_DEFINES] = "defines-label",
  [SEG_CHURN_EXCLUDED_MISSING] = "mostly-missing",
  [SEG_CHURN_EXCLUDED_EQUALS] = "equals-label-column",
  [SEG_CHURN_EXCLUDED_IN_STEP] = "in-step-with-label-column",
  [SEG_CHURN_EXCLUDED_CORRELATED] = "correlated-with-label-column",
  [SEG_CHURN_EXCLUDED_RANK_CORRELATED] = "rank-correlated-with-label-column",
};

const char *
seg_churn_exclusion_kind_to_string (SegChurnExclusionKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

gboolean
seg_churn_exclusion_kind_from_string (const char            *text,
                                      SegChurnExclusionKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (kind_names); i++)
    if (g_str_equal (text, kind_names[i]))
      {
        *kind = (SegChurnExclusionKind) i;
        return TRUE;
      }
  return FALSE;
}

void
seg_churn_exclusions_free (SegChurnExclusion *exclusions,
                           guint              n)
{
  for (guint i = 0; exclusions != NULL && i < n; i++)
    g_free (exclusions[i].column);
  g_free (exclusions);
}

static void
add_figure (JsonBuilder *b,
            const char  *name,
            double       v)
{
  if (!isfinite (v))
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_double_value (b, v);
}

void
seg_churn_build_excluded (JsonBuilder    *b,
                          const SegChurn *c)
{
  json_builder_begin_array (b);
  for (guint j = 0; j < c->n_excluded; j++)
    {
      const SegChurnExclusion *e = c->exclusions != NULL ? &c->exclusions[j] : NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "feature");
      json_builder_add_string_value (b, c->excluded[j]);
      json_builder_set_member_name (b, "reason");
      json_builder_add_string_value (b, c->excluded_reasons[j]);
      if (e != NULL)
        {
          json_builder_set_member_name (b, "kind");
          json_builder_add_string_value (b, seg_churn_exclusion_kind_to_string (e->kind));
          if (e->column != NULL)
            {
              json_builder_set_member_name (b, "column");
              json_builder_add_string_value (b, e->column);
            }
          add_figure (b, "share", e->share);
          add_figure (b, "correlation", e->correlation);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static double
member_number (JsonObject *o,
               const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  return n != NULL && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) != G_TYPE_STRING
         ? json_node_get_double (n) : NAN;
}

static const char *
member_string (JsonObject *o,
               const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  return n != NULL && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING
         ? json_node_get_string (n) : NULL;
}

gboolean
seg_churn_read_excluded (JsonArray      *array,
                         SegSavedModels *s)
{
  guint n = json_array_get_length (array);

  s->churn_excluded = g_new0 (char *, n + 1);
  s->churn_excluded_reasons = g_new0 (char *, n + 1);
  s->churn_exclusions = g_new0 (SegChurnExclusion, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      SegChurnExclusion *e = &s->churn_exclusions[i];

      if (o == NULL || member_string (o, "feature") == NULL || member_string (o, "reason") == NULL ||
          !seg_churn_exclusion_kind_from_string (member_string (o, "kind"), &e->kind))
        return FALSE;
      s->churn_excluded[i] = g_strdup (member_string (o, "feature"));
      s->churn_excluded_reasons[i] = g_strdup (member_string (o, "reason"));
      e->column = g_strdup (member_string (o, "column"));
      e->share = member_number (o, "share");
      e->correlation = member_number (o, "correlation");
      s->churn_n_excluded = i + 1;
    }
  return TRUE;
}

/* The n_scored × p matrix, missing cells replaced by the training mean (the
 * same seeded split seg_logistic_run () makes). */
double *
seg_churn_feature_rows (SegRun                   *run,
                        SegChurn                 *c,
                        const guint8             *y,
                        const SegLogisticOptions *lo,
                        GError                  **error)
{
  SegResult *r = run->result;
  SegTable *t = seg_dataset_get_customers (r->dataset);
  g_autofree gboolean *is_test = g_new0 (gboolean, MAX (c->n_scored, 1));
  double *x = g_new (double, MAX (c->n_scored * c->p, 1));

  if (!seg_logistic_split (y, c->n_scored, lo->test_fraction, lo->seed, is_test, error))
    {
      g_free (x);
      return NULL;
    }
  for (guint j = 0; j < c->p; j++)
    {
      const SegColumn *col = seg_table_find_column (t, c->features[j]);
      double sum = 0, mean;
      gsize m = 0, imputed = 0;

      for (gsize k = 0; k < c->n_scored; k++)
        if (!is_test[k] && !isnan (col->num[c->rows[k]]))
          {
            sum += col->num[c->rows[k]];
            m++;
          }
      mean = m ? sum / (double) m : 0;
      for (gsize k = 0; k < c->n_scored; k++)
        {
          double v = col->num[c->rows[k]];
          imputed += isnan (v) ? 1 : 0;
          x[k * c->p + j] = isnan (v) ? mean : v;
        }
      if (imputed > 0)
        g_ptr_array_add (r->notices,
                         g_strdup_printf (_("%s: %zu missing values were replaced by the "
                                            "training mean for the churn model"), col->name, imputed));
    }
  return x;
}
