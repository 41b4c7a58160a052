/* seg-chart-axis.c — value ranges and "nice" tick positions
 *
 * The tick algorithm is Heckbert's "Nice numbers for graph labels"
 * (Graphics Gems, 1990), made robust for the ranges a dashboard meets:
 * negative, tiny (1e-9), huge (1e12), constant and NaN.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-chart-axis"

#include "config.h"

#include <math.h>

#include "seg-chart-axis.h"

double
seg_axis_nice_number (double   x,
                      gboolean round_it)
{
  double e, f, nf;

  g_return_val_if_fail (x > 0 && isfinite (x), 1.0);

  e = floor (log10 (x));
  f = x / pow (10.0, e);
  if (round_it)
    nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
  else
    nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
  return nf * pow (10.0, e);
}

gboolean
seg_axis_data_range (const double *values,
                     gsize         n,
                     double       *lo,
                     double       *hi)
{
  double a = INFINITY, b = -INFINITY;

  for (gsize i = 0; values != NULL && i < n; i++)
    if (isfinite (values[i]))
      {
        a = MIN (a, values[i]);
        b = MAX (b, values[i]);
      }
  if (lo != NULL)
    *lo = isfinite (a) ? a : NAN;
  if (hi != NULL)
    *hi = isfinite (b) ? b : NAN;
  return isfinite (a);
}

/* Orders and cleans the data bounds; widens constant ranges. */
static void
sanitize_range (double   *lo,
                double   *hi,
                gboolean  include_zero)
{
  double a = *lo, b = *hi, span;

  if (!isfinite (a) && !isfinite (b))
    a = 0, b = include_zero ? 0 : 1;
  else if (!isfinite (a))
    a = b;
  else if (!isfinite (b))
    b = a;
  if (a > b)
    {
      double t = a;
      a = b;
      b = t;
    }
  if (include_zero)
    {
      a = MIN (a, 0.0);
      b = MAX (b, 0.0);
    }
  /* Clamp so that steps and spans stay finite. */
  a = CLAMP (a, -1e300, 1e300);
  b = CLAMP (b, -1e300, 1e300);
  span = b - a;
  /* A range below the double precision of its magnitude is constant. */
  if (span <= MAX (fabs (a), fabs (b)) * 1e-12)
    {
      double m = (a + b) / 2.0;
      double pad = m == 0 ? 1.0 : fabs (m) * 0.1;
      if (include_zero && m > 0)
        a = 0, b = m + pad;
      else if (include_zero && m < 0)
        a = m - pad, b = 0;
      else if (m == 0)
        a = include_zero ? 0 : -pad, b = pad;
      else
        a = m - pad, b = m + pad;
    }
  *lo = a;
  *hi = b;
}

static void
set_fallback (SegAxis *axis)
{
  axis->min = 0;
  axis->max = 1;
  axis->step = 0.2;
  axis->n_ticks = 6;
  for (guint i = 0; i < 6; i++)
    axis->ticks[i] = 0.2 * i;
}

void
seg_axis_compute (SegAxis  *axis,
                  double    lo,
                  double    hi,
                  guint     target_ticks,
                  gboolean  include_zero)
{
  double range, step, nmin, nmax;
  guint n;

  g_return_if_fail (axis != NULL);

  target_ticks = CLAMP (target_ticks, 2, 20);
  sanitize_range (&lo, &hi, include_zero);
  range = seg_axis_nice_number (hi - lo, FALSE);
  step = seg_axis_nice_number (range / (target_ticks - 1), TRUE);
  nmin = floor (lo / step) * step;
  nmax = ceil (hi / step) * step;
  /* Keep a few steps of slack against rounding and the tick cap. */
  while ((nmax - nmin) / step + 1.5 > SEG_AXIS_MAX_TICKS)
    {
      step = seg_axis_nice_number (step * 1.5, FALSE);
      nmin = floor (lo / step) * step;
      nmax = ceil (hi / step) * step;
    }
  if (!isfinite (nmin) || !isfinite (nmax) || !(nmax > nmin) || !(step > 0))
    {
      set_fallback (axis);
      return;
    }
  axis->min = nmin;
  axis->max = nmax;
  axis->step = step;
  n = (guint) floor ((nmax - nmin) / step + 0.5) + 1;
  axis->n_ticks = MIN (n, SEG_AXIS_MAX_TICKS);
  for (guint i = 0; i < axis->n_ticks; i++)
    {
      double t = nmin + i * step;
      /* 0.1 + 0.2 style residue: snap near-zero ticks to 0 */
      if (fabs (t) < step * 1e-9)
        t = 0;
      axis->ticks[i] = t;
    }
}

double
seg_axis_map (const SegAxis *axis,
              double         v,
              double         p0,
              double         p1)
{
  double t;

  g_return_val_if_fail (axis != NULL, NAN);

  if (!isfinite (v))
    return NAN;
  t = (v - axis->min) / (axis->max - axis->min);
  return p0 + t * (p1 - p0);
}
