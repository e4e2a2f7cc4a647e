namespace DialogueActs.Tests.Modeling;

/// <summary>
/// A model archive (format 2) written before features were pluggable, by the tagger whose utterance encoder
/// held the word embedding and the character CNN as fields (commit 801b93f), with
/// <see cref="LegacyArchiveData.Options"/> (character features, speaker window 2, max pooling) and weights
/// from seed 17 scaled up so the predictions are decisive; and what it predicted then for
/// <see cref="LegacyArchiveData.Conversations"/>, on the machine that wrote it.
/// </summary>
internal static class LegacyArchive
{
    /// <summary>Per utterance, in conversation order: the predicted label and the probabilities of a, b and c.</summary>
    public static readonly (string Label, float[] Probabilities)[] Expected =
    [
        ("c", new float[] { 0.05186384171247482f, 0.0004868411342613399f, 0.9476493000984192f }),
        ("c", new float[] { 0.004354684613645077f, 1.341831921308767E-05f, 0.9956318736076355f }),
        ("a", new float[] { 0.7152220606803894f, 8.050217729760334E-05f, 0.2846974730491638f }),
        ("a", new float[] { 0.8184092044830322f, 0.0006767446175217628f, 0.180914044380188f }),
        ("a", new float[] { 0.9379506707191467f, 0.0008277897140942514f, 0.06122154742479324f }),
        ("c", new float[] { 0.4812782108783722f, 0.000779088877607137f, 0.5179427266120911f }),
        ("a", new float[] { 0.9771299362182617f, 0.00015932130918372422f, 0.02271074429154396f }),
        ("c", new float[] { 0.2782726585865021f, 0.0014344621449708939f, 0.720292866230011f }),
        ("c", new float[] { 0.34561192989349365f, 0.00019765360048040748f, 0.6541904211044312f }),
        ("c", new float[] { 0.34004977345466614f, 0.0009062780300155282f, 0.6590439677238464f }),
        ("c", new float[] { 0.1016821563243866f, 0.0002980943536385894f, 0.8980197310447693f }),
        ("c", new float[] { 0.13867157697677612f, 0.0027390283066779375f, 0.8585894107818604f }),
    ];

    /// <summary>Parameter names and shapes of <c>ModelFixtures.SmallOptions(speaker: true, speakerWindow: 2, maxPooling: true, characterFilters: 4)</c> at that commit, in order.</summary>
    public static readonly string[] ParameterNames =
    [
        "_utteranceEncoder._embedding.weight [30, 8]",
        "_utteranceEncoder._lstmForward.weight_ih_l0 [24, 12]",
        "_utteranceEncoder._lstmForward.weight_hh_l0 [24, 6]",
        "_utteranceEncoder._lstmForward.bias_ih_l0 [24]",
        "_utteranceEncoder._lstmForward.bias_hh_l0 [24]",
        "_utteranceEncoder._lstmBackward.weight_ih_l0 [24, 12]",
        "_utteranceEncoder._lstmBackward.weight_hh_l0 [24, 6]",
        "_utteranceEncoder._lstmBackward.bias_ih_l0 [24]",
        "_utteranceEncoder._lstmBackward.bias_hh_l0 [24]",
        "_utteranceEncoder._characters._embedding.weight [97, 3]",
        "_utteranceEncoder._characters._convolution.weight [4, 3, 3]",
        "_utteranceEncoder._characters._convolution.bias [4]",
        "_conversationEncoder._lstmForward.weight_ih_l0 [20, 26]",
        "_conversationEncoder._lstmForward.weight_hh_l0 [20, 5]",
        "_conversationEncoder._lstmForward.bias_ih_l0 [20]",
        "_conversationEncoder._lstmForward.bias_hh_l0 [20]",
        "_conversationEncoder._lstmBackward.weight_ih_l0 [20, 26]",
        "_conversationEncoder._lstmBackward.weight_hh_l0 [20, 5]",
        "_conversationEncoder._lstmBackward.bias_ih_l0 [20]",
        "_conversationEncoder._lstmBackward.bias_hh_l0 [20]",
        "_conversationEncoder._output.weight [4, 10]",
        "_conversationEncoder._output.bias [4]",
        "_outputLayer._transitions [4, 4]",
        "_outputLayer._start [4]",
        "_outputLayer._end [4]",
    ];

    /// <summary>The archive's bytes.</summary>
    public static byte[] Bytes() => Convert.FromBase64String(Base64);

    private const string Base64 =
        "UEsDBBQAAAAIAOc4gl2jAMexIAAAABgAAAALAAAAZm9ybWF0Lmpzb26q5lJQUErLL8pNLAlLLSrOzM9TslIw4qoFAAAA//8DAFBLAwQUAAAACADnOIJdPHlt" +
        "V2kAAAB4AAAADgAAAHRva2VuaXplci5qc29uNMw9CoAwDEDhvacImR3qoENWryDuVYuIMYHa+oN4d1Fx/Xi80wDgNEqPBLhp6DF7hHXzoXOLR4IYkn9xdnut" +
        "k5cFCUr70SiVJolIkP9No51rE7twIEFhrf3SgXV9dpKYzXUDAAD//wMAUEsDBBQAAAAIAOc4gl0qGc/iwAAAADUBAAAKAAAAbW9kZWwuanNvblyPPW8CMRBE" +
        "e36F5TpCQCCFW+CUIgUSBfWevSEWPi9ar/kU/x3ZJ50I7Xuj0cx9pJQ+kYU2B+Dr1t9QGzX/+ig8QIthSTmKNuqzIuxadM7H/cp32qg+l0WQIVr89s5h1EYt" +
        "KrcUT8gJxFMc1Lwqx3SkXHon42lfknDJv9oo4YyVpCPCAblBkMxl1rvZ+ejorI2aVdrBZUMUfNy/Zu0fMFhBbnwQ5DRcGcT6/6e+rMx5mf+TpLjSOno8AQAA" +
        "//8DAFBLAwQUAAAACADnOIJdpztx2ScBAAA8AgAADwAAAHZvY2FidWxhcnkuanNvbqyRy07DMBBFv4W7dqVQXlI2LKr2C9hBF5PYTayknsqxGyLEv6PrVghY" +
        "o5E94+M7M3584KDxKAk1rJdRu+xW0qZpddZWmjxKXGBwdnHyGlDfGqQoPvjQvejgwkZzSKgfKoPE9YT6FW+5qu42J7El2MJcSQ7DH+KOp7R8M9oKBs8wkGBh" +
        "YBUGqXcwWDTD4AYG92vuN5oTfSc+0EeKmmw7R2zVhw4GBx/IezeOLNXrzDn3MPAcic3XTxMMRvdjEdw7y4R8bFwk0EH4ENe7M3InjdRE3/X0ExtMSQpMvYSB" +
        "eal35WRJbSlQWs/CrZl8dkIJo16YOftUJBrsBZfg0nPmAXeP0TJ9cUJhQZtAt921ah32Bi2/hX9RGdr6l93+j+0/vwAAAP//AwBQSwMEFAAAAAgA5ziCXfWK" +
        "Pd8YAAAAFwAAAAsAAABsYWJlbHMuanNvbormUlBQSlTSAVFJECpZiSsWAAAA//8DAFBLAwQUAAYACADnOIJdcIo2feQjAAC6JAAACwAAAHdlaWdodHMuYmlu" +
        "klSOLy0pSS1KzEtOdc1Lzk9JLdKLT81NSk1JycxL1ytPzUzPKGFj0mMDAAAA//9iwAFO3H66f5G8o32Qj5J9SN0Zu6ztjva/P0+yD+YysS9ZluTwt0DUIao+" +
        "x6FKoNjGSXOL3dnlcQc2aLy215Bpt78jwG+/bZ25g3ZXp50or4ZtfeO5/e2ebAd2REU5GOgF2wf+nrs/4fJGO/cC1f1M4S/t9kxl2r9hncW+S+s/7veUaTjw" +
        "LabYoZBHz4HH9ZqdjRyfg4xZpEPM9W8H8md2OuhyRzpMme14oIDt6X6VB9IO98017PWeCztk5Jg76FQ7OJx44+PwQ87VftoSL/snk3fad5rt2n9CwcdBi2/+" +
        "ge8PXjncUjI6EDdT0EF/3q79t/4HOkhF7dizVnWGvZaByP4JFlftOTi8HY6sTdnP0s98gKWt3UHqgbPDtsNP7IyYO+0N9NfbW854tF910/39CzRaHNhfCNgz" +
        "zNtg/0Bc3/6eyof9YZenHwhPYdwfoGdw4MaTBfvv6yw4oGaea8u15/iBPbWSDj9CivZPW/rFYZZE6f5jnnMcdhUKOzBd3u/gsEDT3kspwkFCJdA+L5Fl/5Vm" +
        "1gPrjh+0Xy/PZP+tQ/mAyPa3+6+YbdvP9L31wKRseYeAX6L2HNH2DtvmF9mVSCzbH3VScf/LU9P2Tls+zT6hatWB7odCdtta5+4XMbCwX3dL+wAz77/967bb" +
        "2HFNmOFQ8f7Efr6HkgfMO3gcnr1bbVcz8bztisUP7E7MEtzvkDZvf9qfbIftqjL7Ex52H+A7LnMg5r24Q07+lf1TYjbt/XF+1f4HH5QcHjZa2Ge47t+nsNv6" +
        "wK5WE3ujD8UOCZb7989JaLWNqPlg/yhhtf2Ll6cOXH+26ECyWfSBL7ftHNR/r7fPrhV1qJ2YuE9miv+BhWsVHBzzQvbe2XfafsVeP/vFYu4O1fMuH9Cf9t3+" +
        "oZHFgbiW1fanF8XYf5wm6SC7ndtea+PEA3YrP+63KwiyfxFU73D1h7GDtribnVvYcgeLtzv2t75bZG+4wXq/dhHD/i8Pt9merz904NlBFofbtnIHmFXk7W8w" +
        "bXOw+hXiMCNw4d4nUVn750pY7FeT0T8gX/p7P3uXssPUXsF9LTOrHK6tnWS3zn7ngT+fF+8/5e/tEOLDfXBDA7fdrMaiA8fUDfcznHA/IFXkc0AoausBDnfX" +
        "Azwr1juYuIY43Igo3b/vivIBjXuH7a6sX33ghes9+74gp/0V3EoHEu4c2TfnWugBx7XX92udK3VweCdtHzFX0CHq6PYDWbcf2NZ6v7P7/NzE4cSnF/bVuUUO" +
        "Qg+bbRM9xA+8/bdxv8LRCIdXq9/afWq/sr/l6CH7/V5iDtvbH+7b665mz5tlYi/b3XDg2gcxh49GvAcc1xvvb9hotS+r5cz+I9u0HZp6Fh948CPbnidxrd0W" +
        "O2EHJrX/dgb5rfYn2VgclBczOm6/fcbhxKrlByLl8ux1jrI7ZHCHOHC0p++XX8dy0EHFwJ6vPG2/1qpt9tK/Vh6YGtPmoPQi3aGcg8XBRpHvgMmivQ41rtEH" +
        "VrT27k/8/8De+6b0gVdMnge0sZQ7OcUluW75ReWJRSnQkic+MyM+x4CNSYQTAAAA//9qUurdP1N/8n6tjuZ91zrX7VvklGtf7/t2zwbX2fZpUz33b5m/xN7G" +
        "ZsZ+rnVL9+d9Xr7/x9pT+/iW7dp3tLxpX/r86n15j5/ZPZHvtr92647d1OMT7HcEC+5fE/jbLt1o2f7es0z2L+qP71viGLd/9bnZ9mtiM3bbpavt//V8mv2l" +
        "eTx2zgdn7VeoXmrHcaTF/l/vVzv9vSv2eR/lsC89YrRPQXaO/bKmy3ZcfL/2NHAo7NfK4t0375SBXWLftn2HtpzaJ3Ojd3/X3LX7tBbMtMtb4mV/7IXffmV1" +
        "8/1TNr21e51fbW9yX2p/zSXBPYtqjuwNYVew3+DaYP+232p/Svvlves2ZO5T+GtmvyRAz16yfoU964aQ/VyVU/e5PG+we2Ybaa+b3mKvkDt9v8K6SvsAycj9" +
        "B+bq7DfMSdvPsi9jf/Gyp3uPJ223S1aItI+qWLw/xDfDfqOSlP3prdv3+qzxt2fQK7XfVXXcbp3wtb3Kdzrs2/kr7c8++LlP5uRK+6P7Z9pfMV+1P4V37r4L" +
        "B+bYPpOdse975cr98+Mb7Q/0Hbfte8NnuyBj1f4tGTP3y8xeZ7dqd6ftiZRZdin8F2wzJIPtXZyv75PY+3xvmEev/coLs/b77D1rq7zfdN8WY+H9u7Ka9y+1" +
        "Ed2v5Dxh/yo9I3uhsGX2ei499icyFtjvZ1XcW+LUYj+dtdn+yJal9nJSS/dr3pmxL2nTjH0u+xfv3xNasj+ay8i+t19ivzjzrH3P7Cvsn0rr2nM1ldr9f7PR" +
        "bpfrwr2brsrafZeUtleXn7Bf9eZGu7cVi/cXcOjuF7IwtrcUfL1vx5QQ+w+5M/bd4vPdf+3BMnsTVXb7GF0DeyF3Fduil7f22cYL2B/xzrA7M1HH3uyg3f71" +
        "pj72307G7Dc4t9+uV7LDTkcnYf/Zx4J2Ey832YsxvrdbuzBz777/lfu+dvrtn6sSst/ThNE+yr3cLuKyzL49S8/YCeg12KeYsdgrJN+3Y39kte/gLgHrzf6q" +
        "9kSm/wxo+mcFAAAA//+SYH+x78P1qfsXaE231yop2ZvxU8LOfgv7/v9RvfbX5KTtX8hr258Imm3PlT5zf8PHRvu45wv3c1R07d9lWGdXG9Rh59YssJ9ft2yv" +
        "8edL+xIWGe/fm7BlX1ml0n6u+gD77V8X2r8QkLLvOpBry1watP9+uvn+89/K9l3prrcTynxu++/qJ7t5PXH7bfJa9gk9m2N/6n6fXdwD5v26uVP3pf2cu/9X" +
        "2Nz9oY+t7SQupe9vjRS2n6Iww56Na5n92WlR+++tirZvqRfZ71FQb+d3cZG91b/c/ccdfWxF2mfuvyc82T7/mbu957Kp+z09TOyn2Hvb+yd52slP7bY3ubvD" +
        "1kZmpr3RHbP9C+wj91ut19p7e4uc/WYG8/2daivsP8kp26uesdr349fTfYvmTd/vVMuzX3pTx/4ncSv2Byz/sk9G8bjdQzYeOze9B7aT7Wfsz1VU3H/Qq8bW" +
        "ZJ6mvb9CtN1qAdn907rd7LfYcdnHqdbt//Z17n57wxz73cI9+6eGL9gbtoDf5qDlQvtNbrz7LtyZua+Qsc9+xd8Q+9nbL9v5WRvZaxIov5IyE4uhpRejCAAA" +
        "AP//qniyYu/BGkX7Pp+o/c+2TbQ737dwf54T3/4fXWz7u/9x2n/pK7VvqF6/60RUu712b+D+G/NW2X/gqrC7O3eZfeXHbvv90Yr2PLzW9nNM5tiLXA/fT5Tl" +
        "kKTDKAIAAAD//9r0/4IdF+dk+y1Cu219rabZLsjfZrdt2we7F3+W7+cyirLXajfZn2K7xzasvsh+ZXGM3b41MfZmRz7sk5A0t7fSWbV/emnjfif7DvsdBzT3" +
        "T162yl4Hh8+dEpOzsRbdAAAAAP//Yp1mvefUXJf9UxU+2cmoZtpJlnnt1UpOtb/bpLj/PO/i/Q/CWu33lijbNx2aax9jM2f/qoaw/RYJzPvf1kXsO+Hjah/P" +
        "d2LvC75pdqa9T/fybdq8r8F/pr2TyqL9+RNS9q37xrc/SC1l/xSjXDuLC2/2Bmhz2x+tmm+/4qD5/rAjm+3Wnntml976aJ/ttUe2rjtX2Hc8zLFzSzHY87yy" +
        "y65OJdueLYNnH19swv53OUn7FcOn77/Au9r+QrfBvpaeFnsRWcv9/zue7UtLybf/9PaxncQfZruuBBn7ewvl7ZfME7CPn6dhH/t8xn4tEe39K3n89ik8mLL/" +
        "7N94+8Mv19oqdHTav2uaYs/DNMc+aI77fqGmMPvgwwr7Nz26sS/r+ZT9DU7T9rOLOu0Pm2VsH5nnYT/9aOK+i3mBtm6bVu9POZtkV1HSvL/pY4696HWj/d86" +
        "dOz/qZXvX7Rssf2G4An2T4WW7Lf81bfvREy0/ZMvz+2a3q/c7zWxb79eYYo9W9ExO5bsIzZBXDy2EYWT7U9Y3t0Xd4TRVvdP2V6Rukx7iVnt+6XTl+21aU2w" +
        "42r4sM/qw8a932QX77/DfnMfs/4jO6nrC+yMQrrtM8UP2nxU6rKvWb3bNoB3wb5KtkB705kb9r204rbXTGa0f/59iX1V5cN9Hl+N7Rmaltl7qf6wO1nhsP/U" +
        "maj922W/26gZuuyflXLD9tjJqfZl58vsP1is2/eduXm/yUyf/TKdS+zlWFr2z/ncaa/A9mffn60+9lv0yuxzPebsby9q3BVV1ri/wqJq75yXibbeB9/YyHxp" +
        "3r9Ny2C/yB9m+9Iv/fYTfjfYv7y93u6X3Se7xdN+79XT/2G3NvDOvrLnC/bLbJhia50zdz/bHpd9L46+s+2ov79vm9dvu0fWivsvBSXtf7PfdZ/Fk6X2xT/e" +
        "2ildmG0Xkrxi/y8GVvu0LSf2ttem7nfun2J3TLHKfpuV3V4fAb/93+Zs2ttXd3BfhsQk+wezduxbzT9tP7EZAJIBmURYAQAAAP//kjkcY+d3iG//svDc/T57" +
        "uuzf/lWwP/DHwN67dvK+RzP37VszpXtf9Iqp9kaKjftdrhraxx3vtSuz/LSX69P5vZvmN+8/4d5r7/Vi6v5ZAU77Xz35YTfxZ4594PSG/ReqeffNSHSxD2hR" +
        "389QHm6ftfDx3hazl3YlF2z260vMsb/hL7R/0pEV9oLFU+07ZG7YbWTl3293NXT/8e09+88/0tn/5XK+3afZ8/ZHPk6z/3Faf/+RGIb9ZdOS97dUf9y35KLa" +
        "/tpdnXay3Av2M90L2Z+geXrf7+w5+1XkNPcLRtbZ39rcYis5YZb97FdN+8QqyuwTPl60W8CcuV/O+p/dLEk2e57/rft9GpTtZ048sc957lJ7f/lTdieuZu1f" +
        "wvVtX3XmgX0xXLv3HX+us9/w3XG7NUFy+z8I9u03+/ZkX/h7l/23BUT3X9n8z/aYbLj929/79m1X7t0fnhSz914R3/6XB0r272BU399xaPF+Z9+Ttpa6c+1F" +
        "vN33Ckl52V+Oat3/pqzTbplo+v7DhsvtY+Jm7feQV7aLCJ60b2qUjt0Xvxf7VEQD92kRKsFQCm8AAAAA//+KWiuxz+XI7P1rmL33P12lZP/LqthezfzmvoRN" +
        "i/abfa2yD/B9bjNPot7uBuO2fRrF1faHbpzdp3WraN+rbZ57t8zea7f67xw7jgU+dscZJ9ut8LTbT5ztkMTDKAIAAAD//zrBJrVvd5bEvnPyjvuPbbbcn+L+" +
        "3W5K9AR7D18je43r0fZRoU37tm1k2j9BbOJ+6cCpdskVZ+xk1lrb3/xqZKt2uW3/EeXl+83OBe+3WpO5P+q9mZ0+Fr8nZyQWJSaXpBYVY+v7JzIBAAAA//+C" +
        "df0LGCYcmBWv4FAyZ91+HrMShwMJGfb7n5UemJdj4hDhpubA7bNlX77cvX39Z43sG/51ONw+Xb5facYr+6KUdQ6XfxUemDnHyMHs8wWHJ1Nn7z/Nw+lwyXXz" +
        "gTnXJjpYy/gfeLq/d/+bxkP7tVIb9yUsmufguFfJ4bL1vf1nn+3cN0PswP66zIb9WZ1sB9bxKB3Yld+wz2qJvcMM8doDZj827wso2rOfT3u3Q8H6HofzZ9bv" +
        "v5/isr+D69F+oehYh50yf+x4mCQPaDwqseeRbLefyhBz4EDRBnuTvRMPJC4S23/Xv8e+XXavPd+pfPvud7v2R3DNPMByzeHAOUOvA2bdGgeWHGd2yBNl2v+6" +
        "SdTeo/jzAS6LD/svr1xlayK+3P6PQZbDo+699jOWsOxfdLLHYaEd1/4Xio32ElYhB4oys/cvf8NhL/Iie8+Gh0Z2kx/f3LfnQZRDT97xA+qt1+1n5PMf+JIT" +
        "5fCs2sM+78TXfSK17AeWzxF3eLNO0uEhV+CBmzFxB3IahQ8sySs7UP9JYf+D/rf79v0qd8ieqOrgtfvsfj+PU/adRjwOp/LKD0h8kt0/ryroQFjlJweGdmV7" +
        "ttIGh/O1k+xtDszYz3bUyWFu9YT9btc6DpxbHumQ8u7q/o7DCvsVDn+1n7BI6gDTdTEHxbSl9pfvFNodevl6v/zp/fuX5C10KGYSOnAgKNvhrv5sh6yJ2Qfm" +
        "Vdk4lLQbOby8qH0ge+o8B63P3gfWvm7d79Rzbr9AY5v9+YRm+xrXVgcf0V6H+9v4HTK199r3m7Ttfztp3b7oX4UOFc80HI7raR841nJ6/0HdJoeayhP7vc2t" +
        "HZLiNzl0GM44IM90e/8Hv7QD20NUHOQ2vjtQ+j3c4dMdHbtXu37Y7tCbY/3+DY8DWxqDQ4LlR/tnMZX2M6dwH/gR889uluqKfcf6lh5wOS3mULD/h/17+e37" +
        "p7M0OKgFizooSTHtL/3T52CUEukQU/nYvvyy6IE/BUwODGt19/G1vLULWvF6r04V/wHnNwL7RTnZHFJlbtvfC+yz9+UpPKBwVHq/bK3w/pKnX+3W2JywPyJh" +
        "4WBIIO8k5+eV5eeUlmTm50H7r2zMzEzMAAAAAP//2tPhby/pf2HfHJvU/RIBb/de+ptub3+z237r1Fb7C4E1++18quwi2Pztk1407RcozNhfuXz6foXISfv3" +
        "qOft/6s/c3/f44d73n2fsJ9Q1kW2HlSCsTEyAwAAAP//sog7u6/gf9++wEuL9unFgxSkFhUnghwIH+zD3ekWEAMAAAD//7K6+XEfu8gW+zWCbfZh89fYGXzf" +
        "s1/hYeFeRYc6+wa2lTafUsT2izyVtz/KMtP+YaP2/oIvB+3WbqqxP1Q3a9+WE1PsykIm7d+nOs/+4et++12MbfbHb4rvX8G4YZ9IiLJdxOc223VXm+y/ec3d" +
        "5/MkxI5vd9t+nrj+/QJt0funJB3et+b+bvtfLx/a8dtu3l+dvdV+gT+r7dYDrvsnVKzab/Bdy+6Y5h27rgVt9hr3L+z7oZhtd2FCwv5XUt37TJ5s3X9CpWqf" +
        "i+6i/WLNc/axf9ltv65tyn6TtHb7M9kL7KcI7LObkWe279zEKfbXYpztO/6t21+35Lvdl+hG+4+FifuNONrtBdTX2l75K7x/Z1LmfrGr+/e3fendH647057Z" +
        "a8H+s9M37ffJ69qvr5e1P/lhr/3hYzPtWfil7Rc8Ft53RHXj/n3L0+3fBM2xr/Ldv/95RP/+AxuY7Ix+ztx/T8B4//PEefbfynv3z4qz239gYa/9Ya3G/Vd+" +
        "++17sKbdTtsrzv7OnB/72P5vs7+zKm6/wbVWe4/AA3bz9m23r3mUtH+3yb79r4QX7j+3x37/6zJx+wuFXXtvdR7dZ1S3w+4gh4+9ScBqOweG93tfHZltp9a3" +
        "3v7Rklf7eDpn7W+TmLXf5rz5vlkN7fYhkjz7uJ/ttBfo1bK3v11sP+3G1P3bov/ve8DXufeHIP9+FQl2u0UnYuyXvOuy/8a+1z6kaa591tmF9mrblu3/ljbH" +
        "7pzj7v0Ghw3tY+qv7nt36vW+onO1+/WZg+13WO3d7z4te3/9HUf7tLUz94tYNNnv69pq77F6zr4X2kb7tT5M3i/TU2N/1VR8v8sP133/Np20Oxjiuv+NwhW7" +
        "E6c07DUWPbDVVVu2v+HJeptpt23ts+Zz2htMW2s/Q23/3gl7ptvVcPvYZ0Uo2M+cvWb/RcHN+1UuLdi/y36D/c7TuvtFz7PYX761xb7/Xdn+0Bli+6cv9LH/" +
        "7Ctu31Hjbj/j9S5breSZdvN2b7A3kHq995nGUvu8RQvtW6bn79sl27DfIPu47XLjxfap3nn2HHN6908Qemt3TCx5/x+1WXYmeYb2bBPW7bvpGW+flL1yf39x" +
        "+n4dt5n725Z+tDM9x2Ov8e2KLdPzNfsMt62z33KoYb/lkXz7WX9s9v+QMLUTk27df8Pipt2FTLb9TH4d+w817d336c0me4m+OfZWlhv3f/jsuf9IRKr9CuMb" +
        "e7PvNtufqbq8r2vDCvsUA0s7L+Fp++W+6tuHvHXb17naa38f79N9lwqn79u2sM1uQvaU/RH6m/YL+J3Y+86rZn/X6x322/Ra7Aty9fcpcFrvDXdy2J8vucH+" +
        "3tl19u2eyfsluvttJa9M2y/H673/QvJ0+7r6RfvVDlbaHzvDvv98HNv+Zfs27hf11rAP2rvN/t63mfs02K7vndHPY6fyZOF+BYmJtmJM3fsztr2xzXzUb38m" +
        "1txeQnKVvcekrfs/Ju/f31Ebbbftz1Z7i/YO22+SFfvfPI/cnyBQvfeL3yR7F+/L+160LrAXul5uP9d2h73U4o1285KP2AXc7Ld/sWXh/mPXS/YbrJtu3xK6" +
        "0L4ocI6d6Lp2e5+9sfZ/zmvYn3GT3iezz3ffHrkke7m3E/dbnKnaX7fR3D5t5vx9CVcW2Bn9WGF/oGbyft5YBvuva8zt/bOU7e9NeWw3V650/5E/LfYV+n/3" +
        "zXrxcd/x4hL7Bzan9jiEHtm7e3KdfaIw336RvEn7tj+MsE9K1LMXuXljX4D8FruaN712LTsf2YVprLTPmtW9ryx86v76neb2SY3Z9sF1Jfv/9E7b3/04zl7j" +
        "5aJ9PU769jqSvPt2CPTun6cruz9CWm6f57x2+7BXXvtlygLsd9xx36fKPNV+WuzefVveCuxPid1jd0+70X6FQofdjhNv9z4pqrc36My24zBMtC9gUrLfFmK0" +
        "X2zdHPt84432zfUt9rXR2vuF+Kbv22HZbN8VfcWO+CIb0lxkEmABAAAA///atD5p/43tufvmZmrZV21Zs1/nKNv+aeqT9t/TWblfjvvLPg7rzP2vlqyxe9Dy" +
        "fU/N3oV2Da279mgeKrL/Wm65v/qc9f7DPxftP1pqtN8mz3Rf0vG9+ytV99nfvpG7/0X41P2ng0vtTwpn2t+dscR+yZZf+65E7LLXf65pv+nqdTvRsPL90gaJ" +
        "9sW+kvsFy2baL1qxcj9f8+x9Oev+22k8r7CfXTrd3vKBo/2e9M321XMc9n94935v72Kb/Y+kLe3vb+6yzzCcsPfC71DbAoae/av+7LQ/tGjZ/pZJO/bt3OZh" +
        "H+kUYL/xpqJ9XsB8e/aaifbrX5Xu54i9tq9BetZuYQPv/Upl2fZqRtL2Wbzz7HUI13KguhE2NCMAAAAA//8qvZO/34S9ar+GySr7DT+X2RdLz7NPyHhkYz1Z" +
        "335ZoND+Lll9++2v/fZnszHtd5hxco/7p3D7czFa+4/+WGgv8XDifmLtg0QQowAAAAD//5oVetOOxVpv359/Rvt61s/f9/SL3f6caLb9adWT7QKWxNpe6Gm3" +
        "1X21ZT/bs8t282W22f9wfmI3t0TYPm/dyn3ffjTt18ftPxwDMAJiAAAAAP//Yrm62L7g1WbbE/1f7Q7p7Nm3ZaP/vsgzc/czfgixb9yUsL+zJMq+xiXOfvrj" +
        "CPsTmj17C1b8sE3jVdnPJL5z36+QnftEOO/bVaun23v8+rTvmci+/Q4Xu/YkqWyyz3cJ3p+x8bKdhIftvmOmi/Z7MXDs70g+ve9b10T7I9U2+21/mNvrrHlo" +
        "Fy0fY++ld3jfeUlX+x0yC/atKV+9X8PCc39Syqt9suyG9rNYl9ptChCwf/Itel+Gbu2+ad1z9p/Y02knFzl9H9MD1/1us/jsX0xdZHt40TR7odlb7G9sXGS/" +
        "XtbcXqjt1z7vG/X2PCHn7SSO99hr9hjsr2GJtMvylN3PM22pfcl/qf1Ce9bZr1A8ZtvzbaVd0dcV9g+mVuw/M+vovsPOa/ebZNbtm6HatW+fZZ/9OrubdkHJ" +
        "LfsfzZm7/9+MDfsPyOnZGngt3pfFtNu+72i/vUtuj71KZpe9ypHqfakxgftvPF27d07nbrt2rtn2KSKe+yIPF+4/ZXd+n4uk2P4Wzt32OxUj989b2Lmfp79j" +
        "X5Kd/f6I6Pu2Trrp+8UOzLcP6Ozfe+CPns0jhdz9kj3a+99mi+y3uPZwX0300v0WjLn7aib57HfodN57S6B9X/2+ZfZT7Nvs69/X21+oP7W3tr/I/u3fWPsz" +
        "T4vszmV47GcqbbOfsXuH/bM1e/Yn3F22/9iWz3ZfJgru97aZs78qf6o9d0KefWjHAnvp+Kb9F/astrWwmbu/6GPU/ldPJtvn6yvb65zfZ19wvtPeIcXOXm7S" +
        "9H1e63vt9gVv2+9xbbF91/18e61tS/bryCTan7n+yI5l/uz9Og+n2MX7Bdt/sfS2c3hctn+a2Jb9gkfn2d8/3LZ/X9nlfQ3+Z/ZdMzq278uuWPsp63r3z01J" +
        "2q+1aNv+AltBe61ZZvaTHrftUwkUs+v757b/X5+bvYfr4X1H2m32uU1euv80v509A+Nam3/p/fZiU3fu329rbp/upW0fsDvO1tPGyf5Yh9P+LxNm2/k5hNu/" +
        "ltq+v0th4f55bQvt30y7Ztev771/XuZ2+5rZh+36Zj62u9FZZS9zKcpuQneFfZbgE7um3F32y27223dem7l/eqCEvcgdc7sFJ+bb3BHfYR9yeZu9wawi+07u" +
        "nfs/TFy6X8XOwj7hgIP9w3aZ/XmZW+yfVF7fJ32O1f6GQs/+uVsW2k/Zu9beYtuGvTybtOxP2G+zf+ppas9VVr5/ptqm/QLn3+z9JN9uP22J7/7zNu3737H4" +
        "2p9Ze2ffi7pttlvvLLNfUqa0f93P//u8tPfbfxH+uy+BpWhf/+Vc+7mvl9lrZ+63FwteYH9MpWf/X81oewfOQ3arZBfu5z0mvb/ZYpV9haibvUR6sr1ddZ/9" +
        "M553+zLc7+690MdqZ5G6yj4/1dG+94Pb/mX1HPtnaK+3n8oWZp9wjHFvXo3b/kWNzfY7OFpsRYW093OdE7Cvsdy2v2/rQbuqE5n2XyZ07j++YpV9SMwOu/45" +
        "Xvv5zPfZm2zdZ3fnjuy+hnnL9zH1TbTXYgre/6W7ap+Ia4u9muGc/cae1fZzo/Xtv2xotmd5ut5ONNZ8f4V/216+AxP2m/cp28dLpe1P2DnNvsE93N7TtWh/" +
        "5ncVeybWqXYrRFfZ/1wgZ6+l0bPvU2qpfd3aAPu2Wc/3MXuJ7NfN2bs/old3/5eyWfs/uS+0d1DdsH/RptX2X87u3F+2hnX/jMh5tqu/G+x/wNhlI3CAYf8T" +
        "K+n9fd/O7bMUKN0vJhi9f8P3yXtXcDDZOTpb2UccCbZjKdSzv60rs9/v+pR97LMb93cp5Nm7GZjZa6vs3J/bu9C+5cFq+yd7s/avYXq7z2Nx6f4FlnX2/yxX" +
        "7hddH7Vf77yW/YH8n/vSZoftv/PCa39Pc4v9kvrm/ex64vsllAz2HTy6yH6OdZe9i2Xn/oyJcfZ2LR32G6TC9x2+7GfPZdayv+PV472KSiH2E9avsw862mVH" +
        "QpkNqSaYBFgAAAAA//+KfSW8f8IMKfsNfNX736yS3reoqX/fpufq+wtyrfc6mJfvMV2TuN/l2GL75Rpd+5d8D7Jj+Z9mv+XH3P3ndRftV/j/a58Oa7Od1YkW" +
        "exlu7X2bjFr3l/2Vsucwfrf3mIv1/mm/l9rL3+ne/5rDwX5SkMD+oEse+0UOBO8rcdS1N8ov2b/EdZJ9nuxe+4b4Hfs/rthsn9Znv/+2b5j9EXXXfQeLt9rz" +
        "PZ5ht17Szj5t4qp93EEb9288wmwfPtXLnkN38b4N6zX2hfx7Z7cpgMu+in3r/p/6RvtzV6bae/Xvsbt4epX9iz0bbafEXd5n8eG4rdGG/ft9plXv69nsYdes" +
        "pmu/5FCmfYjau33X8zzsdeNx9lbh9RxKRQ4AAAD//2JQS933aO4+uzy75P0TtKbu17FI3meXbmgvE73LfsUuN7szykz73YRF7BOmTrGtNeHdP+/MEbsXk/P3" +
        "dZVc2/eDffl+oi2ERBGjAAAAAP//2rXsvZ14AL/9rqdz7Tkv9+y/9EjaPu7EanueaYb7j0+S3L9MctV+Ed4N+2N2e9q78O/b36FlsF9IIH+/2Uum/RZpavuV" +
        "sfswv7SkoLQENn7AxMwBAAAA//9aVSpzYKf6m/1rXfYc2JyntY/1fs6Bb3eND3iYnXc4ZNK8f4p0zYEl76bablj4ZH+T8539F2bJOzRdTHF4svuQg+e6wAPv" +
        "ZG8d2HO9cb9DS67DpcjbDg5zO/bftM850GOTdeDYvjwbRbzuAIUxGyMzAAAA///KLm+3L3MvOSDSXeggGQ9xo09iJWi1UElRYl5xJmhMoZiNiZkZAAAA///i" +
        "iS7et4Xxzp4/xw7Z9iS37Hu2UHBfyuteu9t7g/YtKnTdV9K13VYY1YTiksSiEjZGZgAAAAD//1qwPmVf6dsZthquFvsEUZWk5qWwMTIDAAAA//87fvmmzZzi" +
        "+H0NmjP2AABQSwMEFAAAAAgA5ziCXW3QIeSgAAAA+gAAAA0AAABtZXRhZGF0YS5qc29uTMxNC8IwDAbg+35FyVWFTtBDbyJ48+THPWSRDWoz0mwg4n8XK1jh" +
        "JZDnDXk2zsFN9I52Zc2DJAhuvfwoKaNxdzGC4MB7365Kzt6HkkWZUI5NJNYH8EUSHad86nG92VblUaiH4Nq65b3cx8jG3c9njEO3I5oU6QHBpSnGWhyRVA7t" +
        "v5vikPaSZtaMNkjKEJyv1cWMFRNx8eb1BgAA//8DAFBLAQIUAxQAAAAIAOc4gl2jAMexIAAAABgAAAALAAAAAAAAAAAAAACkgQAAAABmb3JtYXQuanNvblBL" +
        "AQIUAxQAAAAIAOc4gl08eW1XaQAAAHgAAAAOAAAAAAAAAAAAAACkgUkAAAB0b2tlbml6ZXIuanNvblBLAQIUAxQAAAAIAOc4gl0qGc/iwAAAADUBAAAKAAAA" +
        "AAAAAAAAAACkgd4AAABtb2RlbC5qc29uUEsBAhQDFAAAAAgA5ziCXac7cdknAQAAPAIAAA8AAAAAAAAAAAAAAKSBxgEAAHZvY2FidWxhcnkuanNvblBLAQIU" +
        "AxQAAAAIAOc4gl31ij3fGAAAABcAAAALAAAAAAAAAAAAAACkgRoDAABsYWJlbHMuanNvblBLAQIUAxQABgAIAOc4gl1wijZ95CMAALokAAALAAAAAAAAAAAA" +
        "AACkgVsDAAB3ZWlnaHRzLmJpblBLAQIUAxQAAAAIAOc4gl1t0CHkoAAAAPoAAAANAAAAAAAAAAAAAACkgWgnAABtZXRhZGF0YS5qc29uUEsFBgAAAAAHAAcA" +
        "lwEAADMoAAAAAA==";
}
