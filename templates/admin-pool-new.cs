<?cs # admin-pool-new.cs — GET /admin/pools/new: the form that makes a matching pool: the funder
  (a member unit or a company), the amount, the ratio and the cap per gift, the window, what it
  covers (the programme for the province, a city or county in reach, or a themed activity) and
  which gifts it matches.
  needs: Programme Regions Activities.*.slug Activities.*.title
    KindSets.*.code KindSets.*.label UnitGroups.*.label UnitGroups.*.Units.*.id
    UnitGroups.*.Units.*.name
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?><?cs include:"fields.cs" ?>
<h1>新建配捐池</h1>
<?cs call:error_summary() ?>
<p class="note">配捐期间内，每一笔符合条件的捐赠到账时，会按比例从配捐池中配捐一笔（不超过单笔上限和剩余金额），<?cs #
?>作为配捐方的捐赠单独入账并开具票据。</p>
<form method="post" action="/admin/pools" class="stack">
<?cs call:csrf() ?>
<label>配捐方 <input type="text"<?cs call:field("funder") ?> required maxlength="64" placeholder="某某有限公司"<?cs
  call:typed("funder") ?>><?cs call:field_error("funder") ?></label>
<label>会员单位（配捐方是会员单位时选择） <select<?cs call:field("unit") ?>><option value="">不是会员单位</option><?cs
  each:g = UnitGroups ?><optgroup label="<?cs var:g.label ?>"><?cs each:u = g.Units ?><?cs #
  ?><option value="<?cs var:u.id ?>"<?cs if:Invalid.Typed.unit == u.id ?> selected<?cs /if ?>><?cs
  var:u.name ?></option><?cs /each ?></optgroup><?cs /each ?></select><?cs
  call:field_error("unit") ?></label>
<label>认捐金额（元） <input type="text"<?cs call:field("goal_yuan") ?> required inputmode="decimal" maxlength="14"<?cs
  call:typed("goal_yuan") ?>><?cs call:field_error("goal_yuan") ?></label>
<label>配捐比例（捐赠:配捐） <input type="text"<?cs call:field("ratio") ?> required maxlength="7" value="<?cs
  call:again("ratio", "1:1") ?>" pattern="[0-9]{1,3}:[0-9]{1,3}"><?cs call:field_error("ratio") ?></label>
<label>单笔配捐上限（元） <input type="text"<?cs call:field("cap_yuan") ?> required inputmode="decimal" maxlength="12"<?cs
  call:typed("cap_yuan") ?>><?cs call:field_error("cap_yuan") ?></label>
<label>开始日期 <input type="text"<?cs call:field("from") ?> required maxlength="10" placeholder="YYYY-MM-DD"<?cs
  call:typed("from") ?>><?cs call:field_error("from") ?></label>
<label>结束日期 <input type="text"<?cs call:field("to") ?> required maxlength="10" placeholder="YYYY-MM-DD"<?cs
  call:typed("to") ?>><?cs call:field_error("to") ?></label>
<label>配捐范围（地区） <select<?cs call:field("region") ?>><?cs if:Programme ?><option value="">全省项目</option><?cs
  else ?><option value="">按专题活动（在下面选择）</option><?cs /if ?><?cs
  uvar:Regions ?></select><?cs call:field_error("region") ?></label>
<?cs if:subcount(Activities) > 0 ?><label>或专题活动 <select<?cs call:field("slug") ?>><option value="">不限于专题活动</option><?cs
  each:a = Activities ?><option value="<?cs var:a.slug ?>"<?cs if:Invalid.Typed.slug == a.slug ?><?cs #
  ?> selected<?cs /if ?>><?cs var:a.title ?></option><?cs /each ?></select><?cs
  call:field_error("slug") ?></label><?cs /if ?>
<label>配捐的捐赠 <select<?cs call:field("kinds") ?>><?cs each:k = KindSets ?><option value="<?cs
  var:k.code ?>"<?cs if:Invalid.Typed.kinds == k.code ?> selected<?cs /if ?>><?cs
  var:k.label ?></option><?cs /each ?></select><?cs call:field_error("kinds") ?></label>
<button type="submit">建立配捐池</button>
</form>
<?cs include:"footer.cs" ?>
