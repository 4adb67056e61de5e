<?cs # donate.cs — GET /donate: a gift to the sponsorship fund, or directed to a city, a county or a
  member unit, with preset amounts or any amount.
  needs: Target Cities.*.code Cities.*.name Cities.*.Counties.*.code Cities.*.Counties.*.name
    Units.*.id Units.*.name
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<section class="form-page">
<h1>我要捐赠</h1>
<p>捐给“童享阳光”助养基金，用于尚未结对的困境儿童；也可以定向捐给某个市州、区县或会员单位，善款只用于那里的孩子。每一笔捐赠都有电子票据，并在<a href="/donations">捐赠查询</a>中公开。</p>
<?cs call:error_summary() ?>
<form method="post" action="/donate" class="stack">
<?cs call:csrf() ?>
<label>捐赠去向 <select id="f-target" name="target">
<option value="all"<?cs if:Target == "all" ?> selected<?cs /if ?>>全省助养基金（由项目统筹使用）</option>
<?cs each:k = Cities ?><optgroup label="<?cs var:k.name ?>">
<option value="<?cs var:k.code ?>"<?cs if:Target == k.code ?> selected<?cs /if ?>><?cs
  var:k.name ?>（全市州）</option><?cs each:n = k.Counties ?>
<option value="<?cs var:n.code ?>"<?cs if:Target == n.code ?> selected<?cs /if ?>><?cs
  var:n.name ?></option><?cs /each ?>
</optgroup><?cs /each ?>
<?cs if:subcount(Units) > 0 ?><optgroup label="会员单位（已签订项目合作协议）"><?cs
  each:u = Units ?>
<option value="u<?cs var:u.id ?>"<?cs if:Target == "u" + u.id ?> selected<?cs /if ?>><?cs
  var:u.name ?></option><?cs /each ?>
</optgroup><?cs /if ?>
</select></label>
<?cs include:"gift-fields.cs" ?>
<button type="submit">去支付</button>
</form>
</section>
<?cs include:"footer.cs" ?>
