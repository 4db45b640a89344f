"""A recipe's card (its ingredients and steps) is read with the story, on pages written for these tests."""

from __future__ import annotations

import json

from narrate.article import Document
from narrate.clean import clean
from narrate.clean import recipe
from narrate.clean.recipe import Recipe, recipe_in

STORY = [
    "Every autumn the old pear tree at the end of my grandmother's garden gives more fruit than anyone can eat, "
    "and every autumn she made this crumble with the windfalls before they could bruise.",
    "The trick is the topping. She browned the butter first, so that the oats and flour take on a nutty, toasted "
    "taste, and she never stirred the fruit once it was in the dish.",
    "I have made it for friends in three different kitchens since, and it has never once come out of the oven "
    "looking the same, which is part of its charm.",
    "You can make the topping a day ahead and keep it in the fridge, which makes it an easy pudding for a busy "
    "Sunday when the oven is already full of the roast.",
]
INGREDIENTS = ["6 firm pears", "2 tbsp light brown sugar", "1 vanilla pod (split lengthways, seeds scraped)",
               "100 g unsalted butter", "120 g plain flour", "80 g rolled oats"]
STEPS = [
    "Heat the oven to 190C and butter a deep baking dish.",
    "Toss the pears with the sugar and lemon juice and spread them in the dish.",
    "Brown the butter in a small pan until it smells nutty, then stir in the flour and oats.",
    "Scatter the topping over the fruit and bake for 35 minutes until golden.",
]
TEASERS = ["Plum and almond traybake", "Five ways with windfall apples", "The best custard you will ever make"]


def _blog_page() -> Document:
    """A food blog: the story, a box of other recipes, then the recipe's card (as WordPress recipe
    plugins draw it), with the recipe in the page's JSON-LD, its steps in two sections."""
    recipe = {
        "@type": "Recipe",
        "name": "Brown butter pear crumble",
        "recipeIngredient": [i.split(" (")[0] for i in INGREDIENTS],
        "recipeInstructions": [
            {"@type": "HowToSection", "name": "Fruit", "itemListElement": [
                {"@type": "HowToStep", "text": s} for s in STEPS[:2]]},
            {"@type": "HowToSection", "name": "Topping", "itemListElement": [
                {"@type": "HowToStep", "text": s} for s in STEPS[2:]]},
        ],
    }
    data = json.dumps({"@context": "https://schema.org", "@graph": [{"@type": "WebPage"}, recipe]})
    ingredients = "".join(
        f"<li class='card-ingredient'><span class='check'></span><span class='amount'>{i.split(' ', 1)[0]}</span> "
        f"<span class='name'>{i.split(' ', 1)[1]}</span></li>" for i in INGREDIENTS
    )
    steps = "".join(f"<li class='card-step'><div class='card-step-text'>{s}</div></li>" for s in STEPS)
    html = (
        "<html><head><title>Brown butter pear crumble | The Orchard Kitchen</title>"
        f"<script type='application/ld+json'>{data}</script></head><body>"
        "<header><nav><a href='/'>Home</a> <a href='/recipes/'>Recipes</a> <a href='/about/'>About</a></nav></header>"
        "<article><h1>Brown butter pear crumble</h1><p class='byline'>By Tess Albright</p>"
        + "".join(f"<p>{p}</p>" for p in STORY)
        + "<div class='more-box'><p class='more-box-title'>You might also like</p><ul>"
        + "".join(f"<li><a href='/r/{n}'>{t}</a></li>" for n, t in enumerate(TEASERS))
        + "</ul></div>"
        "<div class='recipe-card'><h2 class='card-name'>Brown butter pear crumble</h2>"
        "<div class='card-meta'><span>Prep time 15 minutes</span> <span>Cook time 35 minutes</span>"
        " <span>Servings 6</span></div><button>Print recipe</button>"
        f"<div class='card-ingredients'><h3>Ingredients</h3><ul>{ingredients}</ul></div>"
        f"<div class='card-steps'><h3>Method</h3><ol>{steps}</ol></div>"
        "<div class='card-nutrition'><h3>Nutrition</h3><span>Calories: 320kcal</span> | <span>Fat: 14g</span></div>"
        "</div></article>"
        "<section class='comments'><h2>14 Comments</h2><p>Made this last night and it was lovely, thank you!</p></section>"
        "<footer><p>© 2024 The Orchard Kitchen</p></footer></body></html>"
    )
    return Document(source="crumble.html", stem="crumble", format="html", text=html)


def test_a_recipes_card_past_a_box_of_other_recipes_is_read_after_the_story() -> None:
    texts = [b.text for b in clean(_blog_page()).blocks]
    assert texts[: len(STORY)] == STORY
    card = texts[len(STORY):]
    assert [t for t in card if t in INGREDIENTS] == INGREDIENTS
    assert [t for t in card if t in STEPS] == STEPS
    assert card.index("Ingredients") < card.index(INGREDIENTS[0]) < card.index("Method") < card.index(STEPS[0])
    assert not any(t in texts for t in TEASERS) and "Nutrition" not in texts


def _brand_page() -> Document:
    """A food brand's page: the method in the story, the ingredients in a tab and again in a printable copy,
    marked on the elements themselves (microdata)."""
    listed = "".join(f"<li itemprop='recipeIngredient'>{i}</li>" for i in INGREDIENTS)
    html = (
        "<html><head><title>Pear crumble - Goldfield Foods</title></head><body>"
        "<nav><a href='/'>Products</a> <a href='/recipes'>Recipes</a> <a href='/contact'>Contact us</a></nav>"
        "<div class='tabs'><a href='#t1'>INGREDIENTS</a> <a href='#t2'>METHOD</a> <a href='#t3'>REVIEWS</a></div>"
        f"<div id='t1' class='tab'><div class='list'><ul>{listed}</ul></div></div>"
        "<div id='t2' class='tab'><h1>Pear crumble</h1>"
        + "".join(f"<p itemprop='recipeInstructions'>{s}</p>" for s in STORY[:1] + STEPS)
        + "</div>"
        f"<div class='print-copy'><ul>{listed}</ul></div>"
        "<footer><p>Goldfield Foods, 12 Mill Lane. All rights reserved.</p></footer></body></html>"
    )
    return Document(source="brand.html", stem="brand", format="html", text=html)


def test_a_recipes_marked_ingredients_are_read_once_before_its_steps() -> None:
    texts = [b.text for b in clean(_brand_page()).blocks]
    assert [t for t in texts if t in INGREDIENTS] == INGREDIENTS
    assert texts.index(INGREDIENTS[-1]) < texts.index(STEPS[0])


def test_a_sidebars_list_is_not_read_as_a_recipe_when_the_page_marks_none() -> None:
    """A news story with a "Recipe of the day" box: no recipe in the page's data, so no card."""
    box = "".join(f"<li>{i}</li>" for i in INGREDIENTS[:3])
    html = (
        "<html><head><title>Orchard harvest falls by a third</title></head><body><article>"
        "<h1>Orchard harvest falls by a third</h1>"
        + "".join(f"<p>{p}</p>" for p in STORY)
        + f"</article><aside><h3>Recipe of the day</h3><ul>{box}</ul></aside></body></html>"
    )
    texts = [b.text for b in clean(Document(source="news.html", stem="news", format="html", text=html)).blocks]
    assert texts == STORY


def test_a_recipes_steps_are_read_from_every_form_json_ld_gives_them() -> None:
    sections = [{"@type": "HowToSection", "itemListElement": [{"@type": "HowToStep", "text": "Mix."}, "Bake."]}]
    assert recipe_in({"recipeIngredient": ["1 egg"], "recipeInstructions": sections}) == Recipe(("1 egg",), ("Mix.", "Bake."))
    assert recipe_in({"recipeIngredient": ["1 egg"], "recipeInstructions": "Mix.\nBake."}).steps == ("Mix.", "Bake.")
    assert recipe_in({"@type": "NewsArticle", "headline": "Eggs"}) is None


def _pasted(text: str) -> Document:
    return Document(source="pasted.txt", stem="pasted", format="text", text=text)


PASTED_STEPS = [
    "Heat the oven to 190C and butter a deep baking dish, then set it aside while you make the rest.",
    "Toss the pears with the sugar and vanilla seeds and spread them evenly over the base of the dish.",
    "Rub the butter into the flour and oats until it looks like coarse crumbs, then scatter it over the fruit.",
    "Bake for 35 minutes until the topping is golden and the juices bubble at the edges of the dish.",
]


def _pasted_blog() -> str:
    """A food blog copied from the browser: the story, a box of other recipes that ends it, ads, then
    the recipe's card (checkboxes, group names, a servings control), its nutrition and the comments."""
    return "\n".join([
        "The Orchard Kitchen", "Home", "Recipes", "About", "",
        "Brown butter pear crumble", "By Tess Albright", "", *STORY, "",
        "Love crumbles? Try these too:", *TEASERS, "Advertisement", "",
        "Brown butter pear crumble", "★★★★★ 4.8 from 96 votes", "Print", "Pin", "Prep Time 15 mins",
        "Ingredients", "", "Servings: 1x 2x 3x", "For the fruit",
        *(f"▢ {i}" for i in INGREDIENTS[:3]), "For the topping", *(f"▢ {i}" for i in INGREDIENTS[3:]), "",
        "Instructions", "", *PASTED_STEPS, "",
        "Nutrition", "Calories: 320kcal | Fat: 14g", "",
        "14 Comments", "Made this last night and it was lovely, thank you for sharing it with us all!",
    ])


def test_a_recipes_card_in_pasted_text_is_read_after_the_story() -> None:
    texts = [b.text for b in clean(_pasted(_pasted_blog())).blocks]
    assert texts[: len(STORY)] == STORY
    card = texts[len(STORY):]
    assert card == ["Ingredients", "For the fruit", *INGREDIENTS[:3], "For the topping", *INGREDIENTS[3:],
                    "Instructions", *PASTED_STEPS]


def test_pasted_lines_are_a_recipes_card_only_with_amounts_and_a_method() -> None:
    """A sidebar's short ingredient list with no method under it, or a story's paragraph under a
    heading that says "Ingredients", is no card."""
    sidebar = ["Recipe of the day", "Ingredients", *INGREDIENTS[:3], "Get the recipe", "Most read"]
    texts = [b.text for b in clean(_pasted("\n".join(["Orchard harvest falls by a third", *STORY, *sidebar]))).blocks]
    assert texts == STORY
    essay = ["Ingredients", STORY[1], "Method", STORY[2]]
    assert not recipe.pasted_card([*INGREDIENTS[:3], *essay])
    assert not recipe.pasted_card(["Ingredients", *INGREDIENTS, *STORY])  # a list, then prose: no method
    assert recipe.pasted_card(["Ingredients", *INGREDIENTS, "Method", *PASTED_STEPS])


def test_a_cards_markup_comments_are_passed_over_and_never_read() -> None:
    """A block editor's comments stand around and inside the card ("<!-- wp:list -->"). narrate's own
    parse drops them, but `recipe_card` reads any tree: the heading above the card is still found, and
    no comment's text is read."""
    import lxml.html

    from narrate.clean.html import _structured_data

    html = (_blog_page().text
            .replace("<h3>Ingredients</h3><ul>", "<h3>Ingredients</h3><!-- wp:list --><ul><!-- wp:list-item -->")
            .replace("<div class='card-ingredients'>", "<!-- wp:card --><div class='card-ingredients'><?php echo 1 ?>"))
    tree = lxml.html.fromstring(html)
    texts = [b.text for b in recipe.recipe_card(tree, _structured_data(tree)[1])]
    assert texts[: len(INGREDIENTS) + 1] == ["Ingredients", *INGREDIENTS]
    assert not any("wp:" in t or "php" in t for t in texts)


def _tree_with(recipe_data: list[dict], body: str):  # noqa: ANN202 (an lxml tree)
    import lxml.html

    scripts = "".join(f"<script type='application/ld+json'>{json.dumps(d)}</script>" for d in recipe_data)
    return lxml.html.fromstring(f"<html><head>{scripts}</head><body>{body}</body></html>")


def _card_of(tree) -> list[str]:  # noqa: ANN001
    from narrate.clean.html import _structured_data

    return [b.text for b in recipe.recipe_card(tree, _structured_data(tree)[1])]


RECIPE = {"@type": "Recipe", "recipeIngredient": INGREDIENTS, "recipeInstructions": STEPS}


def test_a_recipe_given_twice_and_shown_in_one_box_is_read_once() -> None:
    """Two plugins' graphs both give the recipe, and the card sets its ingredients and steps as
    paragraphs side by side in one box: one card, read once."""
    tree = _tree_with([RECIPE, {"@graph": [RECIPE]}], "<div>" + "".join(f"<p>{t}</p>" for t in INGREDIENTS + STEPS) + "</div>")
    assert _card_of(tree) == INGREDIENTS + STEPS


def test_a_steps_part_that_holds_the_ingredients_gives_its_own_lines_alone() -> None:
    """The steps' smallest part holds the ingredients' list too (a newspaper's recipe set inline):
    the ingredients are read, then the steps, each once, and not the box's other lines."""
    body = f"<div><p>{STEPS[0]}</p><p>Serves four, generously, with cream.</p><ul>"
    body += "".join(f"<li>{i}</li>" for i in INGREDIENTS) + "</ul>" + "".join(f"<p>{s}</p>" for s in STEPS[1:]) + "</div>"
    assert _card_of(_tree_with([RECIPE], body)) == INGREDIENTS + STEPS


def test_a_pasted_cards_short_steps_are_read() -> None:
    steps = ["Preheat the oven to 180C.", *PASTED_STEPS[1:3], "Bake for 20 minutes."]
    card = recipe.pasted_card(["Ingredients", *INGREDIENTS, "Method", *steps, "Nutrition", "Calories: 320kcal"])
    assert [b.text for b in card] == ["Ingredients", *INGREDIENTS, "Method", *steps]


def test_recipes_keep_their_page_order_across_scripts_and_deep_json_is_passed_over() -> None:
    from narrate.clean.html import _structured_data

    first, second = ({"@type": "Recipe", "recipeIngredient": [i]} for i in ("1 egg", "2 pears"))
    tree = _tree_with([first, {"@graph": [second]}], "<p>x</p>")
    assert [r.ingredients for r in _structured_data(tree)[1]] == [("1 egg",), ("2 pears",)]
    import lxml.html

    deep = "[" * 5000 + "]" * 5000  # past Python's recursion limit in json.loads
    page = lxml.html.fromstring(f"<html><head><script type='application/ld+json'>{deep}</script></head><body><p>x</p></body></html>")
    assert _structured_data(page) == ({}, [])
