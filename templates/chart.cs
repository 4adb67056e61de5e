<?cs # chart.cs — bar charts drawn from the page data of cgi/chart.h: columns (months), rows (places)
  and a progress bar. Each svg is an image with every value in its aria-label, each bar a title
  (a pointer's tooltip); colours are presentation attributes (the CSP allows no style), each at
  least 3:1 against the page (WCAG 1.4.11), and the legend names them in text.
  A macro's parameters are declared by its callers; these are the trees they pass.
  needs: Chart.label Charts.paired.label Progress.paired.w
?><?cs
def:chart_fill(s) ?><?cs if:s == 0 ?>#c2410c<?cs elif:s == 1 ?>#2a7ab0<?cs
  else ?>#6b7280<?cs /if ?><?cs /def ?><?cs
def:chart_legend(ch) ?><figcaption><b><?cs var:ch.title ?></b><?cs
  if:subcount(ch.series) > 1 ?> <span class="legend"><?cs each:k = ch.series ?><span><svg <?cs #
  ?>width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill="<?cs
  call:chart_fill(k.s) ?>"/></svg> <?cs var:k.name ?></span> <?cs /each ?></span><?cs /if ?><?cs #
  ?></figcaption><?cs /def ?><?cs
def:chart_columns(ch) ?><figure class="chart"><?cs call:chart_legend(ch) ?>
<svg viewBox="0 0 <?cs var:ch.w ?> <?cs var:ch.h ?>" role="img" aria-label="<?cs
  var:ch.label ?>" class="columns"><?cs each:t = ch.ticks ?>
<line x1="<?cs var:ch.x0 ?>" x2="<?cs var:ch.x1 ?>" y1="<?cs var:t.y ?>" y2="<?cs var:t.y ?>" <?cs #
  ?>stroke="#ddd" stroke-width="1"/><text x="<?cs var:ch.x0 - 4 ?>" y="<?cs var:t.y ?>" <?cs #
  ?>dy="4" text-anchor="end" font-size="11" fill="#555"><?cs var:t.text ?></text><?cs /each ?><?cs
  each:g = ch.groups ?><?cs each:b = g.bars ?>
<rect class="bar" x="<?cs var:b.x ?>" y="<?cs var:b.y ?>" width="<?cs var:b.w ?>" height="<?cs
  var:b.h ?>" fill="<?cs call:chart_fill(b.s) ?>"><title><?cs var:g.label ?> <?cs
  var:ch.series[b.s].name ?> <?cs var:b.text ?></title></rect><?cs /each ?>
<text x="<?cs var:g.x ?>" y="<?cs var:ch.ly ?>" text-anchor="middle" font-size="10" fill="#333"><?cs
  var:g.label ?></text><?cs /each ?>
<line x1="<?cs var:ch.x0 ?>" x2="<?cs var:ch.x1 ?>" y1="<?cs var:ch.base ?>" y2="<?cs
  var:ch.base ?>" stroke="#666" stroke-width="1"/>
</svg></figure><?cs /def ?><?cs
def:chart_rows(ch) ?><figure class="chart rows"><?cs call:chart_legend(ch) ?>
<svg viewBox="0 0 <?cs var:ch.w ?> <?cs var:ch.h ?>" role="img" aria-label="<?cs
  var:ch.label ?>" class="rows"><?cs each:g = ch.groups ?>
<text x="<?cs var:ch.x0 - 6 ?>" y="<?cs var:g.ty ?>" text-anchor="end" font-size="12" <?cs #
  ?>fill="#333"><?cs var:g.label ?></text><?cs each:b = g.bars ?><rect class="bar" x="<?cs
  var:b.x ?>" y="<?cs var:g.y ?>" width="<?cs var:b.w ?>" height="<?cs var:ch.bar ?>" fill="<?cs
  call:chart_fill(b.s) ?>"><title><?cs var:g.label ?> <?cs var:ch.series[b.s].name ?> <?cs
  var:b.text ?></title></rect><?cs /each ?><text x="<?cs var:g.tx ?>" y="<?cs var:g.ty ?>" <?cs #
  ?>font-size="12" fill="#333"><?cs var:g.total ?></text><?cs /each ?>
</svg></figure><?cs /def ?><?cs
def:chart_progress(p, what) ?><div class="progress"><svg viewBox="0 0 100 8" <?cs #
  ?>preserveAspectRatio="none" aria-hidden="true"><rect width="100" height="8" fill="#fde2cf"/><?cs #
  ?><rect class="bar" width="<?cs var:p.w ?>" height="8" fill="#c2410c"/></svg><span><?cs
  var:what ?> <?cs var:p.pct ?>%（<?cs var:p.part ?> / <?cs var:p.whole ?>）</span></div><?cs
/def ?>
