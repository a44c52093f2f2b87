"""The demo blog's content: a small counselling practice's posts, comments and pages.

Pure data, written for this project. It is shaped like the blog the user showed us: ids with
holes (deleted posts), dotted dates that are ambiguous on their own (``4.12.2016``) next to
unambiguous ones (``17.3.2014``), comments stamped ``MM/DD/YY hh:mm AM``, therapist replies nested
under readers' comments, and keyword-stuffed spam. ``UNIQUE_WORDS`` lists words that occur in
exactly one post (title, body or comments) so search tests can expect exactly one hit;
``COMMENT_ONLY_WORDS`` occur only in one comment.
"""

from __future__ import annotations

from datetime import date, datetime

from scraper.demo.model import DemoComment, DemoPage, DemoPost

SITE_NAME = "Stillwater Counselling & Psychotherapy"
TAGLINE = "Talking therapy for individuals and couples"
HELEN = "Helen Marsh"
TOMAS = "Tomás Reyes"

UNIQUE_WORDS: dict[str, int] = {"courage": 33, "café": 28, "insomnia": 10}
COMMENT_ONLY_WORDS: dict[str, int] = {"lighthouse": 22}

POSTS: tuple[DemoPost, ...] = (
    DemoPost(
        sid=3,
        title="Welcome to Our Practice Blog",
        published=date(2014, 3, 17),
        author=HELEN,
        tags=("news",),
        body=(
            "After many years of being asked the same thoughtful questions at the end of first "
            "sessions, we decided to start writing some of the answers down.",
            "This blog will be an occasional place for reflections on therapy, on the ordinary "
            "struggles that bring people through our door, and on what tends to help.",
            "Nothing written here is a substitute for speaking with someone who knows your "
            "situation. If something you read stirs up more than you expected, please reach out "
            "to us or to your own doctor.",
        ),
    ),
    DemoPost(
        sid=4,
        title="What Happens in a First Session",
        published=date(2014, 5, 2),
        author=HELEN,
        tags=("getting started",),
        body=(
            "Many people tell us that the hardest part of therapy was picking up the phone. The "
            "second hardest part is not knowing what the first hour will look like.",
            "In a first session we mostly listen. We will ask what brought you here now, what you "
            "have already tried, and what you would like to be different. You do not need to "
            "arrive with a neat story; most people do not.",
            "Towards the end we talk about practical matters: how often to meet, fees, and "
            "confidentiality and its limits. We will also ask how the hour felt for you.",
            "You are allowed to decide that we are not the right fit. A good first session is "
            "one where you leave knowing more, whatever you decide.",
        ),
        comments=(
            DemoComment(
                name="Sarah K.",
                text="This is really reassuring. I have had an appointment booked for two weeks "
                "and kept thinking about cancelling it.",
                stamp=datetime(2014, 5, 6, 21, 14),
                replies=(
                    DemoComment(
                        name=HELEN,
                        text="Thank you, Sarah. Nerves before a first appointment are very "
                        "common. It may help to say so out loud when you arrive.",
                        stamp=datetime(2014, 5, 7, 8, 2),
                    ),
                ),
            ),
        ),
    ),
    DemoPost(
        sid=6,
        title="Anxiety Is Not a Character Flaw",
        published=date(2014, 6, 23),
        author=TOMAS,
        tags=("anxiety",),
        body=(
            "Anxiety is the body doing its job a little too eagerly. It is an alarm system built "
            "to keep us alive, and it often fires when nothing is actually on fire.",
            "People who live with anxiety are frequently told to relax, as though they had not "
            "thought of that. The message underneath is that worry is a failure of willpower. "
            "It is not.",
            "In therapy we get curious about the alarm rather than fighting it: when does it go "
            "off, what does it seem to protect you from, and what happens in your body first?",
            "Understanding the pattern does not switch the alarm off overnight, but it usually "
            "makes it less frightening, and that alone can change a great deal.",
        ),
        comments=(
            DemoComment(
                name="Daniel",
                text="The alarm metaphor is exactly how it feels. I am sharing this with my "
                "brother.",
                stamp=datetime(2014, 7, 1, 9, 45),
            ),
            DemoComment(
                name="Priya",
                text="Do you also work with children who have anxiety, or only adults?",
                stamp=datetime(2014, 7, 15, 16, 30),
                replies=(
                    DemoComment(
                        name=TOMAS,
                        text="Hello Priya, we see adolescents from 14 upwards. For younger "
                        "children we are happy to suggest colleagues.",
                        stamp=datetime(2014, 7, 16, 10, 5),
                    ),
                ),
            ),
        ),
    ),
    DemoPost(
        sid=7,
        title="Grief Has No Timetable",
        published=date(2014, 9, 8),
        author=HELEN,
        tags=("grief", "loss"),
        body=(
            "We often hear clients apologise for still grieving, as if there were a deadline "
            "they had missed. The stages of grief were never meant to be a schedule.",
            "Grief comes in waves. A smell, a song or an anniversary can bring it back with full "
            "force years later, and that is not a sign that something has gone wrong.",
            "What helps is rarely advice. It is having a place where the loss can be spoken about "
            "without someone hurrying you towards feeling better.",
        ),
    ),
    DemoPost(
        sid=9,
        title="Saying No Without Guilt: Notes on Boundaries",
        published=date(2014, 11, 14),
        author=HELEN,
        tags=("boundaries", "relationships"),
        body=(
            "A boundary is simply information about what you will and will not do. It is not a "
            "punishment, and it does not require the other person to agree with it.",
            "Guilt is often the first feeling that shows up when we start saying no. That does "
            "not mean the no was wrong; it usually means it was unfamiliar.",
            "Start small. Decline one extra task, leave a gathering at the time you planned, let "
            "a call go to voicemail. Notice what you fear will happen, and what actually does.",
            "Relationships that can only survive if you never say no are worth looking at "
            "closely, ideally with support.",
        ),
        comments=(
            DemoComment(
                name="M. O'Connor",
                text='"Information, not punishment" - I wrote that on a sticky note & put it '
                "on my fridge.",
                stamp=datetime(2014, 11, 20, 19, 11),
            ),
            DemoComment(
                name="cheap jerseys",
                text="cheap jerseys cheap nfl jerseys wholesale jerseys free shipping "
                "http://cheap-jerseys-wholesale.example/nfl best jerseys outlet online store "
                "cheap jerseys",
                stamp=datetime(2015, 3, 2, 3, 17),
                website="http://cheap-jerseys-wholesale.example/",
                spam=True,
            ),
        ),
    ),
    DemoPost(
        sid=10,
        title="Sleep, Worry & the 3 a.m. Mind",
        published=date(2015, 1, 6),
        author=TOMAS,
        tags=("sleep", "anxiety"),
        body=(
            "There is a particular kind of thinking that only happens at three in the morning. "
            "Problems feel larger, solutions feel further away, and the clock seems to mock you.",
            "Occasional insomnia is part of being human. When it becomes a nightly battle, the "
            "fight itself often keeps us awake: we try hard to sleep, and trying is the opposite "
            "of sleeping.",
            "A few things that help many people: getting up if you have been awake for a long "
            "while, keeping a notebook by the bed to park worries, and keeping the same waking "
            "time even after a bad night.",
            "If sleep has been poor for months, it is worth speaking to your doctor as well as "
            "to a therapist. The two often work best together.",
        ),
        comments=(
            DemoComment(
                name="Night Owl",
                text="The notebook trick works for me. Writing the worry down tells my brain it "
                "will not be forgotten.",
                stamp=datetime(2015, 1, 13, 2, 48),
            ),
            DemoComment(
                name="Jürgen Müller",
                text="Very helpful, thank you. I read this at 3 a.m., of course.",
                stamp=datetime(2015, 1, 22, 3, 5),
                replies=(
                    DemoComment(
                        name=TOMAS,
                        text="Of course! I hope tonight is kinder to you, Jürgen.",
                        stamp=datetime(2015, 1, 22, 9, 40),
                    ),
                ),
            ),
            DemoComment(
                name="sleep aid shop",
                text="Best sleeping pills no prescription buy online cheap sleeping pills "
                "http://pills-no-rx.example/buy sleeping pills sleeping pills discount",
                stamp=datetime(2016, 2, 9, 11, 58),
                website="http://pills-no-rx.example/",
                spam=True,
            ),
        ),
    ),
    DemoPost(
        sid=11,
        title="Couples Therapy Is Not a Last Resort",
        published=date(2015, 2, 19),
        author=TOMAS,
        tags=("couples", "relationships"),
        body=(
            "Couples often arrive in our rooms when one foot is already out of the door. By then "
            "the work is harder, though not impossible.",
            "Couples therapy can be useful much earlier: when the same argument keeps repeating, "
            "when a big change such as a baby or a move is coming, or when you simply feel "
            "further apart than you would like.",
            "The therapist is not a referee and does not decide who is right. The relationship "
            "itself is the client.",
        ),
    ),
    DemoPost(
        sid=14,
        title='When "Fine" Isn\'t Fine',
        published=date(2015, 4, 3),
        author=HELEN,
        tags=("depression",),
        body=(
            "Fine is the most common answer to how are you, and perhaps the least informative.",
            "Some people say fine for years while feeling flat, tired and disconnected. Low mood "
            "does not always look like sadness; sometimes it looks like nothing at all.",
            "If the things that used to bring you pleasure feel like chores, if you are sleeping "
            "much more or much less, or if you have stopped reaching out to friends, it is worth "
            "talking to someone.",
        ),
        comments=(
            DemoComment(
                name="anonymous",
                text="Reading this made me realise I have been saying fine for about two years.",
                stamp=datetime(2015, 4, 18, 23, 2),
                replies=(
                    DemoComment(
                        name=HELEN,
                        text="Thank you for writing that down here. Noticing it is a real "
                        "first step. Our door is open, and so is your GP's.",
                        stamp=datetime(2015, 4, 19, 8, 15),
                        replies=(
                            DemoComment(
                                name="anonymous",
                                text="I booked an appointment. Thank you.",
                                stamp=datetime(2015, 4, 27, 18, 33),
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
    DemoPost(
        sid=15,
        title="Listening to the Body in Therapy",
        published=date(2015, 5, 28),
        author=TOMAS,
        tags=("body", "anxiety"),
        body=(
            "Clients are sometimes surprised when we ask where in the body they notice a feeling. "
            "It can seem an odd question in a talking therapy.",
            "Yet feelings arrive in the body first: a tight jaw, a knot in the stomach, shoulders "
            "creeping towards the ears. Learning to notice these signals gives us earlier warning "
            "and more choice.",
            "We go slowly with this. For people who have learned to switch off from their bodies "
            "for good reasons, tuning back in needs to happen at a safe pace.",
        ),
    ),
    DemoPost(
        sid=17,
        title="Parenting Teenagers Without Losing Yourself",
        published=date(2015, 8, 10),
        author=HELEN,
        tags=("family", "parenting"),
        body=(
            "Parents of teenagers often describe a kind of grief: the child who once told them "
            "everything now answers in single syllables from behind a closed door.",
            "Pulling away is part of growing up. It helps to stay available without chasing: "
            "car journeys, late-night snacks and shared chores are often when the real "
            "conversations happen.",
            "Look after your own life too. A parent with friends, interests and rest is better "
            "placed to stay calm when things get stormy.",
            "And if you are unsure whether a change in your teenager is ordinary moodiness or "
            "something more worrying, trust that question enough to ask for advice.",
        ),
    ),
    DemoPost(
        sid=18,
        title="Winter Blues and Seasonal Low Mood",
        published=date(2015, 10, 5),
        author=TOMAS,
        tags=("depression", "seasons"),
        body=(
            "As the evenings draw in, many of us feel slower and heavier. For some people the "
            "change is severe enough to be called seasonal affective disorder.",
            "Morning daylight, regular movement and keeping up social plans even when we would "
            "rather hibernate all help. So does being gentle with ourselves about having less "
            "energy.",
            "If the low mood lasts well into spring, or if it brings thoughts of hopelessness, "
            "please speak to a professional rather than waiting it out.",
        ),
        comments=(
            DemoComment(
                name="Replica Watches",
                text="replica watches swiss replica watches rolex replica best quality "
                "http://replica-watches-swiss.example/ luxury replica watches sale replica",
                stamp=datetime(2015, 10, 14, 4, 41),
                website="http://replica-watches-swiss.example/",
                spam=True,
            ),
        ),
    ),
    DemoPost(
        sid=19,
        title="Surviving the Holidays With Family",
        published=date(2015, 12, 21),
        author=HELEN,
        tags=("family", "boundaries"),
        body=(
            "Holidays promise closeness and often deliver old roles. Within an hour of arriving, "
            "capable adults can find themselves feeling fourteen again.",
            "It helps to decide in advance what you will do when the familiar argument starts. "
            "A walk, a task in the kitchen or a pre-arranged call can give you a graceful exit.",
            "Give yourself permission to enjoy the parts that are good, and to grieve a little "
            "for the family gathering you wished for.",
        ),
        comments=(
            DemoComment(
                name="Clare",
                text="Feeling fourteen again - yes! Every single year.",
                stamp=datetime(2015, 12, 23, 12, 7),
            ),
            DemoComment(
                name="Tom B.",
                text="Planning my exit walk already. Happy holidays to you both.",
                stamp=datetime(2015, 12, 24, 17, 50),
            ),
        ),
    ),
    DemoPost(
        sid=21,
        title="Perfectionism: The Tyranny of Should",
        published=date(2016, 3, 7),
        author=TOMAS,
        tags=("perfectionism", "self-esteem"),
        body=(
            "Perfectionism often looks like high standards from the outside. From the inside it "
            "tends to feel like never being allowed to rest.",
            "Listen for the word should in your own thinking. I should have finished that; I "
            "should be over this by now. Each should carries a quiet judgement.",
            "In therapy we ask where those rules came from and whether they still serve you. "
            "Good enough is not a failure of ambition; it is how most good work gets done.",
            "A small experiment: deliberately hand something in at ninety percent and watch what "
            "happens. Usually, very little.",
        ),
    ),
    DemoPost(
        sid=22,
        title="Loneliness in a Connected World",
        published=date(2016, 4, 16),
        author=HELEN,
        tags=("loneliness", "relationships"),
        body=(
            "It is possible to have hundreds of contacts and nobody to call when things go wrong. "
            "Loneliness is about the quality of connection, not the number.",
            "Loneliness also feeds itself. The longer we are alone, the more effort reaching out "
            "seems to take and the more likely we are to read rejection into silence.",
            "Small, regular contact tends to work better than grand gestures: the same class "
            "every week, the same neighbour to chat with, a standing call with an old friend.",
        ),
        comments=(
            DemoComment(
                name="Elaine",
                text="After my divorce I joined a walking group that goes out to the old "
                "lighthouse every Sunday. It changed my weeks completely.",
                stamp=datetime(2016, 4, 30, 14, 22),
                replies=(
                    DemoComment(
                        name=HELEN,
                        text="What a lovely example of small, regular contact. Thank you for "
                        "sharing it, Elaine.",
                        stamp=datetime(2016, 5, 2, 9, 12),
                    ),
                ),
            ),
        ),
    ),
    DemoPost(
        sid=24,
        title="Why Therapists Ask About Your Childhood",
        published=date(2016, 6, 9),
        author=HELEN,
        tags=("therapy",),
        body=(
            "It is a cliché for a reason, and clients sometimes roll their eyes when it comes up. "
            "You came about your job, and I am asking about your father.",
            "Early relationships teach us what to expect from people: whether others will come "
            "when we need them, whether feelings are welcome, whether love has conditions.",
            "Those lessons were sensible at the time. The question is whether they still fit "
            "the life you have now, and that is something we can look at together.",
        ),
    ),
    DemoPost(
        sid=26,
        title="Panic Attacks: What Is Actually Happening",
        published=date(2016, 7, 25),
        author=TOMAS,
        tags=("anxiety", "panic"),
        body=(
            "A panic attack can feel like a heart attack, like fainting, like losing your mind. "
            "It is none of those, though it is extremely unpleasant.",
            "During panic the body floods with adrenaline: the heart races, breathing becomes "
            "shallow and fast, and the changed balance of gases in the blood causes tingling and "
            "dizziness.",
            "Slowing the out-breath is one of the quickest ways to signal safety to the nervous "
            "system. Breathe in for four, out for six or seven, and repeat.",
            "The fear of the next attack often does more damage than the attacks themselves. "
            "That fear is very treatable.",
        ),
        comments=(
            DemoComment(
                name="Marco",
                text="I went to A&E twice before anyone explained this to me. Thank you for the "
                "clear description.",
                stamp=datetime(2016, 8, 3, 20, 16),
            ),
            DemoComment(
                name="Lena",
                text="The longer out-breath helps me <3 I count on my fingers.",
                stamp=datetime(2016, 8, 19, 7, 55),
            ),
            DemoComment(
                name="Priya",
                text="Is it normal for panic to come at night, in bed, when nothing stressful is "
                "happening?",
                stamp=datetime(2016, 9, 1, 22, 31),
                replies=(
                    DemoComment(
                        name=TOMAS,
                        text="Yes, night-time panic is quite common and not a sign of anything "
                        "dangerous. It is worth mentioning to your GP, who can rule out other "
                        "causes.",
                        stamp=datetime(2016, 9, 2, 11, 3),
                    ),
                ),
            ),
        ),
    ),
    DemoPost(
        sid=27,
        title="Self-Compassion Is Not Self-Indulgence",
        published=date(2016, 9, 11),
        author=HELEN,
        tags=("self-esteem",),
        body=(
            "Many of us speak to ourselves in a tone we would never use with a friend. We fear "
            "that being kinder would make us lazy.",
            "The research points the other way: people who treat their mistakes with "
            "understanding are more likely to try again, not less.",
            "Try asking what you would say to a friend in your position, and then say it to "
            "yourself, even if it feels awkward at first.",
        ),
    ),
    DemoPost(
        sid=28,
        title="What I Learned From a Conversation in a Café",
        published=date(2016, 10, 30),
        author=TOMAS,
        tags=("listening", "relationships"),
        body=(
            "Last week, waiting for a coffee in the small café across from our office, I "
            "overheard two friends talking. One was clearly upset; the other kept offering "
            "solutions.",
            "Each suggestion was sensible. Each one made the first friend go a little quieter. "
            "Eventually she said: I do not need you to fix it, I need you to hear it.",
            "It was a neat summary of what therapists spend years learning. Being heard is often "
            "the thing that makes people able to find their own solutions.",
            "Next time someone brings you a problem, try asking whether they want ideas or an "
            "ear. You may be surprised how often the answer is the ear.",
        ),
        comments=(
            DemoComment(
                name="Ruth",
                text="My husband and I now literally ask each other: ideas or ear? It has "
                "stopped so many arguments.",
                stamp=datetime(2016, 11, 4, 18, 26),
            ),
        ),
    ),
    DemoPost(
        sid=30,
        title="Anger Is Information",
        published=date(2016, 11, 12),
        author=TOMAS,
        tags=("anger", "emotions"),
        body=(
            "Many clients describe themselves as not angry people. Often what they mean is that "
            "they learned early that anger was dangerous or unwelcome.",
            "Anger usually tells us that something matters, that a line has been crossed or a "
            "need ignored. The feeling itself is not the problem; what we do with it might be.",
            "In sessions we practise noticing anger early, while it is still small enough to be "
            "put into words.",
        ),
    ),
    DemoPost(
        sid=31,
        title="Supporting a Partner Through Depression",
        published=date(2016, 11, 20),
        author=HELEN,
        tags=("couples", "depression"),
        body=(
            "Living with a partner who is depressed can be lonely and exhausting. You may feel "
            "helpless, rejected, or guilty for feeling either.",
            "You cannot love someone out of depression, and it is not your job to be their "
            "therapist. Your job is to stay connected and to help them find professional support.",
            "Keep some of your own life going: your friends, your rest, your interests. Carers "
            "who burn out cannot care for anyone.",
            "And if you are worried about your partner's safety, say so directly and contact a "
            "professional. Asking about suicidal thoughts does not put them there.",
        ),
        comments=(
            DemoComment(
                name="J.",
                text="I needed to hear that it is not my job to be his therapist. Thank you.",
                stamp=datetime(2016, 12, 1, 22, 47),
            ),
        ),
    ),
    DemoPost(
        sid=33,
        title="Relational Therapy and the Courage to Stay",
        published=date(2016, 12, 4),
        author=HELEN,
        tags=("therapy", "relationships"),
        body=(
            "Starting therapy takes nerve. Staying in it, week after week, through the sessions "
            "that feel stuck or uncomfortable, takes a quieter kind of courage.",
            "Every therapist keeps professional boundaries. In a relational approach we also pay "
            "close attention to what happens between client and therapist, because the patterns "
            "that show up in our lives tend to show up in the therapy room too.",
            "There will be moments when you feel misunderstood by your therapist, or irritated "
            "with them. Saying so, rather than quietly cancelling, is often where the most "
            "important work begins.",
            "The therapist takes risks as well: sharing, carefully, how the relationship feels "
            "from their side. Neither of you hides behind a role, and neither drops it.",
            "It is slow and human work. It asks something of both people, and it repays it.",
        ),
        comments=(
            DemoComment(
                name="ab123 ab123",
                text="The popularity of natural Human Hair Wigs http://hair-wigs-outlet.example/ "
                "is matched only by Mission Style Diamond Jewelry and Fashion Jewelry "
                "http://diamond-jewelry-sale.example/ craftsmanship, cheap wigs, lace front "
                "wigs, jewelry sale.",
                stamp=datetime(2018, 12, 3, 22, 9),
                website="http://hair-wigs-outlet.example/",
                spam=True,
            ),
        ),
    ),
    DemoPost(
        sid=34,
        title="New Year Resolutions, Gently",
        published=date(2017, 1, 15),
        author=TOMAS,
        tags=("change", "self-esteem"),
        body=(
            "By the middle of January many resolutions have already quietly collapsed, usually "
            "taking a little self-respect with them.",
            "Change sticks better when it is small, specific and attached to something you "
            "already do: a short walk after lunch rather than a new gym membership.",
            "And if the year does not begin the way you planned, any Monday will do. So will any "
            "Tuesday.",
        ),
    ),
    DemoPost(
        sid=36,
        title="Online Therapy: Is It Right for You?",
        published=date(2017, 3, 2),
        author=HELEN,
        tags=("therapy", "online"),
        body=(
            "We now offer sessions by video as well as in person. Clients often ask whether "
            "online therapy is as effective.",
            "For many people it is. It suits those with caring responsibilities, long commutes "
            "or health conditions that make travel difficult.",
            "It does need a private space where you will not be overheard, and a reliable "
            "connection. Some people find that the journey to our rooms is itself part of the "
            "therapy, a time to gather their thoughts, and prefer to come in person.",
            "We are happy to talk through which would suit you best.",
        ),
        comments=(
            DemoComment(
                name="Sam",
                text="I had sessions from my car in the supermarket car park for a while. Not "
                "glamorous, but private!",
                stamp=datetime(2017, 3, 14, 13, 2),
            ),
            DemoComment(
                name="best essay writers",
                text="Need help with your essay? Best essay writing service cheap essays online "
                "http://essay-writers-cheap.example/ essay help essay writing essays for sale",
                stamp=datetime(2017, 5, 27, 1, 36),
                website="http://essay-writers-cheap.example/",
                spam=True,
            ),
        ),
    ),
    DemoPost(
        sid=37,
        title="Burnout in the Helping Professions",
        published=date(2017, 4, 18),
        author=TOMAS,
        tags=("burnout", "work"),
        body=(
            "Nurses, teachers, social workers and therapists share an occupational hazard: we "
            "are good at noticing other people's needs and poor at noticing our own.",
            "Burnout creeps in as cynicism, exhaustion and a sense that nothing you do makes a "
            "difference. It is not a personal weakness; it is a predictable response to "
            "sustained overload.",
            "Recovery means more than a holiday. It usually involves looking honestly at "
            "workload, at the beliefs that keep us saying yes, and at where we get replenished.",
        ),
        comments=(
            DemoComment(
                name="Nurse Anne",
                text="Twenty years on the wards and this describes my last two perfectly.",
                stamp=datetime(2017, 4, 22, 23, 58),
            ),
            DemoComment(
                name="Gareth",
                text="Shared this with my whole team at school. Thank you.",
                stamp=datetime(2017, 4, 25, 16, 10),
            ),
            DemoComment(
                name="Zoë",
                text="Do you run groups for professionals, or only individual sessions?",
                stamp=datetime(2017, 5, 3, 12, 44),
                replies=(
                    DemoComment(
                        name=TOMAS,
                        text="Only individual and couples sessions at the moment, Zoë, though a "
                        "group is something we are considering.",
                        stamp=datetime(2017, 5, 4, 9, 20),
                    ),
                ),
            ),
            DemoComment(
                name="Laura P.",
                text="The line about being good at noticing others and poor at noticing "
                "ourselves hit home.",
                stamp=datetime(2017, 6, 13, 20, 5),
            ),
        ),
    ),
    DemoPost(
        sid=39,
        title="Attachment Styles in Adult Relationships",
        published=date(2017, 7, 7),
        author=HELEN,
        tags=("attachment", "couples", "relationships"),
        body=(
            "Attachment theory began with the study of infants and their caregivers, but its "
            "ideas have proved useful for understanding adult relationships too.",
            "Some of us reach for closeness when stressed; others pull away to cope alone. "
            "Neither is wrong, but when one of each falls in love, the dance can become painful.",
            "Knowing your own pattern, and your partner's, turns a lot of blame into "
            "understanding. Patterns can also shift with time and with safe relationships.",
            "Be wary of online quizzes that sort you into a box. People are more complicated, "
            "and more hopeful, than four categories.",
        ),
        comments=(
            DemoComment(
                name="Ben",
                text="My partner and I are the textbook pursuer and withdrawer. It helps to "
                "know it has a name.",
                stamp=datetime(2017, 7, 9, 19, 3),
            ),
            DemoComment(
                name="Kasia",
                text="Could you recommend a book on this for couples?",
                stamp=datetime(2017, 7, 12, 8, 27),
                replies=(
                    DemoComment(
                        name=HELEN,
                        text="Ask us at your next session and we can suggest one that fits "
                        "your situation, Kasia.",
                        stamp=datetime(2017, 7, 12, 17, 0),
                    ),
                ),
            ),
        ),
    ),
    DemoPost(
        sid=40,
        title="The Naïve Question That Changes Everything",
        published=date(2017, 9, 26),
        author=TOMAS,
        tags=("therapy", "listening"),
        body=(
            "Some of the most useful questions in therapy sound almost naïve: what do you mean "
            "by that? How did you know? What happened next?",
            "We all carry assumptions about what words mean. When a therapist asks the obvious "
            "question, the answer is often not obvious at all.",
            "Clients tell us that being asked simply, without judgement, helps them hear their "
            "own story freshly.",
        ),
    ),
    DemoPost(
        sid=42,
        title="Endings in Therapy",
        published=date(2018, 2, 1),
        author=HELEN,
        tags=("therapy", "loss"),
        body=(
            "Therapy is one of the few relationships designed from the start to end well. That "
            "makes the ending part of the work rather than an afterthought.",
            "Planned endings give time to look back at what has changed, to notice what remains "
            "unfinished, and to say goodbye properly.",
            "Many of our clients have experienced endings that were sudden or painful. A good "
            "ending can be a corrective experience in its own right.",
        ),
    ),
    DemoPost(
        sid=43,
        title="Social Media and Self-Worth",
        published=date(2018, 6, 13),
        author=TOMAS,
        tags=("self-esteem", "technology"),
        body=(
            "We compare our behind-the-scenes footage with everyone else's highlight reel, "
            "usually late at night and usually while tired.",
            "Notice how you feel before and after scrolling. If the answer is worse, you have "
            "useful information about what that feed is doing for you.",
            "Muting, unfollowing and putting the phone in another room at night are not "
            "antisocial acts. They are forms of self-care.",
        ),
        comments=(
            DemoComment(
                name="Hannah",
                text="Phone out of the bedroom for a month now. I sleep better and compare less.",
                stamp=datetime(2018, 6, 20, 21, 36),
            ),
            DemoComment(
                name="followers4less",
                text="Buy instagram followers cheap real followers likes views "
                "http://followers-4-less.example/ instagram followers buy followers cheap",
                stamp=datetime(2018, 7, 30, 5, 12),
                website="http://followers-4-less.example/",
                spam=True,
            ),
        ),
    ),
    DemoPost(
        sid=44,
        title="Rumination: Stuck on Replay",
        published=date(2018, 10, 10),
        author=HELEN,
        tags=("anxiety", "depression"),
        body=(
            "Rumination is thinking that goes round in circles without arriving anywhere. It "
            "feels like problem solving, which is why it is so hard to stop.",
            "One test: after ten minutes of thinking about it, do you have a next step? If not, "
            "you are probably ruminating rather than solving.",
            "Moving your attention to something absorbing, especially something physical, can "
            "break the loop. So can setting a short, scheduled worry time each day.",
            "If rumination is taking hours of your day, therapy can help you understand what "
            "the loop is trying to do for you.",
        ),
    ),
    DemoPost(
        sid=45,
        title="Gratitude Without Toxic Positivity",
        published=date(2018, 11, 22),
        author=TOMAS,
        tags=("emotions", "seasons"),
        body=(
            "Gratitude practices have good evidence behind them. They can also be used as a stick: "
            "you should be grateful, other people have it worse.",
            "Real gratitude can sit alongside grief, anger and disappointment. It does not "
            "require pretending everything is fine.",
            "Try noticing three small things at the end of the day, without ranking them against "
            "anyone else's life. Warm socks count.",
        ),
        comments=(
            DemoComment(
                name="Felicity",
                text="Warm socks definitely count. Lovely post.",
                stamp=datetime(2018, 11, 25, 10, 9),
            ),
        ),
    ),
)

# The builder's "Popular Post" sidebar list is curated by hand, not computed.
POPULAR_SIDS: tuple[int, ...] = (33, 26, 10, 9, 39)

INTRO: tuple[str, ...] = (
    "We are a small independent practice offering individual, couples and online therapy.",
    "Our blog collects reflections on anxiety, grief, relationships and the everyday work of "
    "change. Start with one of the latest posts below, or browse the whole blog.",
)

PAGES: tuple[DemoPage, ...] = (
    DemoPage(
        slug="about",
        title="About Us",
        body=(
            f"{HELEN} founded the practice in 2009 after a decade working in community mental "
            "health. She is a registered psychotherapist with a relational orientation.",
            f"{TOMAS} joined in 2013. He trained in integrative counselling and has a particular "
            "interest in anxiety, panic and the body. He also sees clients in Spanish.",
            "We are both in regular clinical supervision and bound by our professional bodies' "
            "codes of ethics.",
        ),
    ),
    DemoPage(
        slug="services",
        title="Services",
        body=(
            "Individual therapy: weekly 50-minute sessions, short-term or open-ended.",
            "Couples therapy: 75-minute sessions for couples at any stage, married or not.",
            "Online sessions: by secure video, for clients anywhere in the country.",
            "Fees are discussed at the first session; a limited number of reduced-fee places are "
            "available.",
        ),
    ),
    DemoPage(
        slug="contact",
        title="Contact",
        body=(
            "Phone or email us to arrange a first appointment. We aim to reply within two "
            "working days.",
            "Our rooms are on the first floor at 12 Mill Lane, reached by stairs or a small lift.",
            "If you are in crisis, please contact your doctor or your local emergency services "
            "rather than waiting for a reply from us.",
        ),
    ),
)
